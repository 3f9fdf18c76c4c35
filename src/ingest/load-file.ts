import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseMember, memberColumns } from '../crm/member.js';
import { normalizeMemberIds } from '../crm/member-identifiers.js';
import { upsertMembers } from '../crm/member-writer.js';
import { parseAppEvent } from '../events/app-event.js';
import { normalizeEventIds } from '../events/event-identifiers.js';
import { writeEvents } from '../events/event-writer.js';
import { checkIdMapping, parseIdMapping, upsertIdMappings } from '../identity/id-mapping.js';
import type { IdentityService } from '../identity/identity-service.js';
import { readRetailBatches } from '../purchases/index.js';
import { writeRetailPurchases } from '../purchases/retail-writer.js';
import { readCsvTable } from '../rows/csv-table.js';
import { ReadMeter } from '../rows/read-meter.js';
import { untimed, type BatchTimer } from './batch-timer.js';
import { fileSha256 } from './file-hash.js';
import { loadRecords, type RecordLoadStats } from './load-records.js';
import type { LoadProgress } from './load-progress.js';
import { sourceNames, type LoadSummary, type SourceKind } from './load-summary.js';
import { readJsonLines } from './records.js';

export interface LoadDeps {
  readonly identity: IdentityService;
  readonly eventLinkConfidence: Readonly<Record<string, number>>;
  /** Times each written batch (`source` "file_<kind>"); none by default. */
  readonly metrics?: BatchTimer;
}

export interface LoadOptions {
  readonly batchSize?: number;
  /** Called after every written batch. */
  readonly onProgress?: (progress: LoadProgress) => void;
}

/**
 * Loads one file of a source. Bad rows are reported with file and line and skipped; the
 * rest loads. Every writer is idempotent, so loading a file twice, or again after a crash,
 * leaves the graph as one complete load would.
 */
export async function loadFile(
  kind: SourceKind,
  path: string,
  deps: LoadDeps,
  opts: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const sha256 = await fileSha256(path);
  const meter = new ReadMeter();
  const bytesTotal = (await stat(path)).size;
  const progress = (s: RecordLoadStats) =>
    opts.onProgress?.({
      rows: s.rows,
      loaded: s.loaded,
      rejected: s.rejected.length,
      bytesRead: meter.bytesRead,
      bytesTotal,
    });
  const summary: LoadSummary = {
    kind,
    file: path,
    sha256,
    rows: 0,
    loaded: 0,
    rejected: [],
    anonymous: 0,
    duplicates: 0,
    durationMs: 0,
  };
  const { identity } = deps;
  const metrics = deps.metrics ?? untimed;
  const timed =
    <B>(write: (batch: B) => Promise<number>) =>
    (batch: B) =>
      metrics.timeBatch(`file_${kind}`, () => write(batch));
  let stats: RecordLoadStats;
  switch (kind) {
    case 'crm':
      stats = await loadRecords(
        path,
        readCsvTable(path, memberColumns, meter),
        (r) => normalizeMemberIds(identity, parseMember(r)),
        timed(async (b) => (await upsertMembers(identity, b), b.length)),
        opts.batchSize ?? 1000,
        progress,
      );
      break;
    case 'mappings':
      stats = await loadRecords(
        path,
        readCsvTable(path, ['one_id', 'id_type', 'id_value', 'confidence', 'first_seen'], meter),
        (r) => checkIdMapping(identity, parseIdMapping(r)),
        timed(async (b) => (await upsertIdMappings(identity, b), b.length)),
        opts.batchSize ?? 1000,
        progress,
      );
      break;
    case 'events':
      stats = await loadRecords(
        path,
        readJsonLines(path, meter),
        (r) => normalizeEventIds(identity, parseAppEvent(r)),
        timed(async (b) => (await writeEvents(identity, b, deps.eventLinkConfidence)).created),
        opts.batchSize ?? 2000,
        progress,
      );
      break;
    case 'retail':
      stats = { rows: 0, loaded: 0, rejected: [] };
      for await (const batch of readRetailBatches(path, {
        meter,
        source: 'online_retail',
        // 50k, 100k, then 200k lines: fewer, larger write transactions (issue 15)
        batchLines: opts.batchSize ?? 50_000,
        maxBatchLines: opts.batchSize ?? 200_000,
      })) {
        stats.rows += batch.counts.rows;
        stats.rejected.push(...batch.rejected);
        summary.anonymous += batch.counts.anonymous;
        summary.duplicates += batch.counts.duplicates;
        if (batch.purchases.length > 0)
          stats.loaded += await metrics.timeBatch(
            'file_retail',
            async () => (await writeRetailPurchases(identity, batch.purchases)).added,
          );
        progress(stats);
      }
      break;
  }
  summary.rows = stats.rows;
  summary.loaded = stats.loaded;
  summary.rejected = stats.rejected;
  summary.durationMs = Math.round(performance.now() - started);
  await identity.db.writeQuery('ingest/record-load', {
    load: {
      id: `${sourceNames[kind]}:${sha256}`,
      source: sourceNames[kind],
      file: basename(path),
      sha256,
      rows: summary.rows,
      rejected: summary.rejected.length,
      anonymous: summary.anonymous,
      duplicates: summary.duplicates,
      added: summary.loaded,
      finishedAt: new Date().toISOString(),
    },
  });
  return summary;
}
