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
  /** Per member: "oneId\u001fmobileHash\u001femailHash", or '' for a member gone. */
  lines: string[];
  /** [member, survivor] for the members merged into another person since. */
  moved: [number, number][];
}

const UNIT_SEPARATOR = '\u001f';

/**
 * The rows of an audience package for ad platforms, in chunks: one row per person (members
 * merged since the package was frozen appear once, as their survivor), with the RFM segment
 * as of the package date and the first hashed mobile and email. Up to two chunks are read
 * from the database while the caller writes the current one.
 */
export async function* exportRows(
  db: Gateway,
  rfm: RfmService,
  pkg: AudiencePackage & { members: RoaringBitmap32 },
  chunk = 25_000,
): AsyncGenerator<ExportRow[]> {
  const view = await rfm.view(pkg.asOf);
  const members = pkg.members.toUint32Array();
  // A member that is still its own person is unique. A merged one is written as its survivor,
  // unless that survivor is a member itself or was written already for another merged member.
  const survivorsWritten = new Set<number>();
  const read = (from: number) =>
    db.readQuery<ExportChunk>('segments/export-rows', {
      pids: Array.from(members.subarray(from, from + chunk)),
    });
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
  for (let from = 0; inFlight.length > 0; from += chunk) {
    const [result] = await (inFlight.shift() as Promise<ExportChunk[]>);
    fill();
    const { lines = [], moved = [] } = result ?? {};
    const survivorOf = new Map(moved);
    const out: ExportRow[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      const member = members[from + i] as number;
      const survivor = survivorOf.get(member);
      if (survivor !== undefined) {
        if (pkg.members.has(survivor) || survivorsWritten.has(survivor)) continue;
        survivorsWritten.add(survivor);
      }
      const [oneId = '', mobile = '', email = ''] = line.split(UNIT_SEPARATOR);
      out.push({
        oneId,
        segment: view.entries.get(survivor ?? member)?.segment ?? null,
        mobileHash: mobile || null,
        emailHash: email || null,
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
