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

/**
 * The rows of an audience package for ad platforms, in chunks: one row per person (members
 * merged since the package was frozen appear once, as their survivor), with the RFM segment
 * as of the package date and the first hashed mobile and email.
 */
export async function* exportRows(
  db: Gateway,
  rfm: RfmService,
  pkg: AudiencePackage & { members: RoaringBitmap32 },
  chunk = 20_000,
): AsyncGenerator<ExportRow[]> {
  const view = await rfm.view(pkg.asOf);
  const emitted = new Set<number>();
  const members = pkg.members.toUint32Array();
  for (let i = 0; i < members.length; i += chunk) {
    const pids = Array.from(members.subarray(i, i + chunk));
    const rows = await db.readQuery<{
      pid: number;
      oneId: string;
      mobiles: string[];
      emails: string[];
    }>('segments/export-rows', { pids });
    const out: ExportRow[] = [];
    for (const r of rows) {
      if (emitted.has(r.pid)) continue;
      emitted.add(r.pid);
      out.push({
        oneId: r.oneId,
        segment: view.entries.get(r.pid)?.segment ?? null,
        mobileHash: r.mobiles[0] ?? null,
        emailHash: r.emails[0] ?? null,
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
