import type { Gateway } from '../neo4j/gateway.js';
import type { RfmService } from '../rfm/rfm-service.js';
import type { AudiencePackage } from './audience-packages.js';
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

interface RangeChunk {
  /** Every person's pid in the range, ascending. */
  pids: number[];
  /** Per pid, its line as in {@link ExportChunk}, or '' when that person is retired. */
  lines: string[];
}

export interface ExportOptions {
  /** Members read per database query. */
  readonly chunk?: number;
  /**
   * A chunk whose members fill at least this share of their pid range is read by one index
   * range scan of the persons in it (most packages of a large audience), a sparser one by a
   * lookup per member. 0 always scans, above 1 never does.
   */
  readonly rangeDensity?: number;
}

const UNIT_SEPARATOR = '\u001f';

/** Reads the lines of sorted members, by a scan of their pid range or a lookup each. */
async function readChunk(
  db: Gateway,
  members: Uint32Array,
  rangeDensity: number,
): Promise<ExportChunk> {
  // both queries aggregate: one record, whatever they find
  const lookUp = async (pids: number[]) =>
    (await db.readQuery<ExportChunk>('segments/export-rows', { pids }))[0] as ExportChunk;
  const lo = members[0] as number;
  const hi = members[members.length - 1] as number;
  if (members.length < rangeDensity * (hi - lo + 1)) return lookUp(Array.from(members));

  const [range] = await db.readQuery<RangeChunk>('segments/export-range', { lo, hi });
  const { pids, lines: rangeLines } = range as RangeChunk;
  // Both lists ascend: walk them together. A member missing from the range is gone (''); a
  // retired one is looked up on its own, to find its survivor.
  const lines: string[] = new Array<string>(members.length).fill('');
  const retiredAt: number[] = [];
  for (let i = 0, j = 0; i < members.length; i++) {
    while (j < pids.length && (pids[j] as number) < (members[i] as number)) j++;
    if (pids[j] !== members[i]) continue;
    const line = rangeLines[j] as string;
    if (line !== '') lines[i] = line;
    else retiredAt.push(i);
  }
  if (retiredAt.length === 0) return { lines, moved: [] };
  const survivors = await lookUp(retiredAt.map((i) => members[i] as number));
  retiredAt.forEach((at, k) => (lines[at] = survivors.lines[k] as string));
  return { lines, moved: survivors.moved };
}

/**
 * The rows of an audience package for ad platforms, in chunks: one row per person (members
 * merged since the package was frozen appear once, as their survivor), with the RFM segment
 * as of the package date and the first hashed mobile and email. Up to two chunks are read
 * from the database while the caller writes the current one.
 */
export async function* exportRows(
  db: Gateway,
  rfm: RfmService,
  pkg: Pick<AudiencePackage, 'asOf'> & { members: RoaringBitmap32 },
  { chunk = 25_000, rangeDensity = 0.5 }: ExportOptions = {},
): AsyncGenerator<ExportRow[]> {
  const view = await rfm.view(pkg.asOf);
  const members = pkg.members.toUint32Array();
  // A member that is still its own person is unique. A merged one is written as its survivor,
  // unless that survivor is a member itself or was written already for another merged member.
  const survivorsWritten = new Set<number>();
  const inFlight: Promise<ExportChunk>[] = [];
  let next = 0;
  const fill = () => {
    while (inFlight.length < 2 && next < members.length) {
      const pending = readChunk(db, members.subarray(next, next + chunk), rangeDensity);
      pending.catch(() => undefined); // observed here too: an abandoned export must not crash the process
      inFlight.push(pending);
      next += chunk;
    }
  };
  fill();
  for (let from = 0; inFlight.length > 0; from += chunk) {
    const { lines, moved } = await (inFlight.shift() as Promise<ExportChunk>);
    fill();
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

export const csvField = (v: string | null) =>
  v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

export const CSV_HEADER = 'one_id,segment,mobile_hash,email_hash\n';

/** A row's CSV fields in the header's order, without the line end. */
export const csvFields = (r: ExportRow) =>
  `${csvField(r.oneId)},${csvField(r.segment)},${csvField(r.mobileHash)},${csvField(r.emailHash)}`;

/** A row as the JSON object of a JSON line, keys as the CSV header names them. */
export const jsonFields = (r: ExportRow) => ({
  one_id: r.oneId,
  segment: r.segment,
  mobile_hash: r.mobileHash,
  email_hash: r.emailHash,
});

export function toCsv(rows: readonly ExportRow[]): string {
  let out = '';
  for (const r of rows) out += `${csvFields(r)}\n`;
  return out;
}

export function toJsonLines(rows: readonly ExportRow[]): string {
  let out = '';
  for (const r of rows) out += `${JSON.stringify(jsonFields(r))}\n`;
  return out;
}
