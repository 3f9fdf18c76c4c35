import { join } from 'node:path';
import type { App } from '../app.js';
import { loadFile } from './load-file.js';
import type { LoadSummary, SourceKind } from './load-summary.js';

/** The seed files in load order: profiles and mappings first, then behaviour. */
export const seedFiles: readonly [SourceKind, string][] = [
  ['crm', 'crm_members.csv'],
  ['mappings', 'id_mapping.csv'],
  ['events', 'app_events.jsonl'],
  ['retail', 'retail_transactions.csv'],
];

/** Loads the seed files when the graph holds no identifier yet. Returns what it loaded. */
export async function loadSeedsIfEmpty(app: App, seedDir: string): Promise<LoadSummary[]> {
  const [row] = await app.db.readQuery<{ empty: boolean }>('ingest/graph-empty');
  if (!row?.empty) return [];
  const summaries: LoadSummary[] = [];
  for (const [kind, file] of seedFiles) {
    summaries.push(
      await loadFile(kind, join(seedDir, file), {
        identity: app.identity,
        eventLinkConfidence: app.config.identity.eventLinkConfidence,
        metrics: app.metrics,
      }),
    );
  }
  return summaries;
}
