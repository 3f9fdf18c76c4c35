import type { Gateway } from '../neo4j/gateway.js';
import type { RfmService } from '../rfm/rfm-service.js';
import type { AudiencePackage } from './segment-service.js';
import type { RoaringBitmap32 } from './roaring.js';

export interface ExportRow {
  readonly oneId: string;
  readonly segment: string | null;
  readonly mobileHash: string | null;
  readonly emailHash: string | null;
}

interface ExportChunk {
  pids: number[];
  oneIds: string[];
  mobiles: string[];
  emails: string[];
}

/**
 * The rows of an audience package for ad platforms, in chunks: one row per person (members
 * merged since the package was frozen appear once, as their survivor), with the RFM segment
 * as of the package date and the first hashed mobile and email. The next chunk is read from
 * the database while the caller writes the current one.
 */
export async function* exportRows(
  db: Gateway,
  rfm: RfmService,
  pkg: AudiencePackage & { members: RoaringBitmap32 },
  chunk = 25_000,
): AsyncGenerator<ExportRow[]> {
  const view = await rfm.view(pkg.asOf);
  const emitted = new Set<number>();
  const members = pkg.members.toUint32Array();
  const read = (from: number) =>
    db.readQuery<ExportChunk>('segments/export-rows', {
      pids: Array.from(members.subarray(from, from + chunk)),
    });
  // two chunks in flight: the database reads on one core while this process writes
  const inFlight: Promise<ExportChunk[]>[] = [];
  let next = 0;
  const fill = () => {
    while (inFlight.length < 2 && next < members.length) {
      const pending = read(next);
      pending.catch(() => undefined); // observed here too: an abandoned export must not crash the process
      inFlight.push(pending);
      next += chunk;
    }
  };
  fill();
  while (inFlight.length > 0) {
    const [rows] = await (inFlight.shift() as Promise<ExportChunk[]>);
    fill();
    const out: ExportRow[] = [];
    const { pids = [], oneIds = [], mobiles = [], emails = [] } = rows ?? {};
    for (let i = 0; i < pids.length; i++) {
      const pid = pids[i] as number;
      if (emitted.has(pid)) continue;
      emitted.add(pid);
      out.push({
        oneId: oneIds[i] as string,
        segment: view.entries.get(pid)?.segment ?? null,
        mobileHash: mobiles[i] || null,
        emailHash: emails[i] || null,
      });
    }
    yield out;
  }
}

const csvField = (v: string | null) =>
  v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

export const CSV_HEADER = 'one_id,segment,mobile_hash,email_hash\n';

export function toCsv(rows: readonly ExportRow[]): string {
  let out = '';
  for (const r of rows)
    out += `${csvField(r.oneId)},${csvField(r.segment)},${csvField(r.mobileHash)},${csvField(r.emailHash)}\n`;
  return out;
}

export function toJsonLines(rows: readonly ExportRow[]): string {
  let out = '';
  for (const r of rows)
    out +=
      JSON.stringify({
        one_id: r.oneId,
        segment: r.segment,
        mobile_hash: r.mobileHash,
        email_hash: r.emailHash,
      }) + '\n';
  return out;
}
