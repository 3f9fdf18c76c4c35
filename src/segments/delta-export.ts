import type { Gateway } from '../neo4j/gateway.js';
import type { RfmService } from '../rfm/rfm-service.js';
import type { AudienceDelta } from './audience-delta.js';
import { CSV_HEADER, csvFields, jsonFields, type ExportRow } from './package-export.js';
import { RoaringBitmap32 } from './roaring.js';

/** An export row with the way it changed. */
export interface DeltaRow extends ExportRow {
  readonly change: 'enter' | 'leave';
}

const UNIT_SEPARATOR = '\u001f';

export interface DeltaOptions {
  /** Changed persons read per database query. */
  readonly chunk?: number;
  /**
   * A chunk whose changed persons fill at least this share of their pid range is read by one
   * index range scan, a sparser one by a seek per person. 0 always scans, above 1 never does.
   * Default 0.5, as the export: at 1M persons seeks gave 100k rows/s and a range scan reads
   * about 240k persons/s, so a scan pays from a density of about 0.4.
   */
  readonly rangeDensity?: number;
}

/** The lines of sorted pids, by a scan of their range or a seek each ('' for none). */
async function readLines(db: Gateway, pids: Uint32Array, rangeDensity: number): Promise<string[]> {
  const lo = pids[0] as number;
  const hi = pids[pids.length - 1] as number;
  if (pids.length < rangeDensity * (hi - lo + 1)) {
    const [row] = await db.readQuery<{ lines: string[] }>('segments/person-rows', {
      pids: Array.from(pids),
    });
    return row?.lines ?? [];
  }
  const [range] = await db.readQuery<{ pids: number[]; lines: string[] }>('segments/person-range', {
    lo,
    hi,
  });
  const found = range?.pids ?? [];
  const lines = new Array<string>(pids.length).fill('');
  // both ascend: walk them together
  for (let i = 0, j = 0; i < pids.length; i++) {
    while (j < found.length && (found[j] as number) < (pids[i] as number)) j++;
    if (found[j] === pids[i]) lines[i] = range?.lines[j] as string;
  }
  return lines;
}

/**
 * The rows of a delta in pid order, in chunks: each person who entered or left as itself (a
 * person merged since keeps the OneID the platform was sent), with the RFM segment as of the
 * latest version's date and the first hashed mobile and email. One read per chunk; the next
 * chunk is read while the caller writes the current one, and no more rows are held.
 */
export async function* deltaRows(
  db: Gateway,
  rfm: RfmService,
  delta: AudienceDelta,
  { chunk = 25_000, rangeDensity = 0.5 }: DeltaOptions = {},
): AsyncGenerator<DeltaRow[]> {
  const view = await rfm.view(delta.asOf);
  const changed = RoaringBitmap32.or(delta.entered, delta.left).toUint32Array();
  const read = (from: number) => {
    const pending = readLines(db, changed.subarray(from, from + chunk), rangeDensity);
    pending.catch(() => undefined); // observed here too: an abandoned export must not crash the process
    return pending;
  };
  let next = changed.length > 0 ? read(0) : undefined;
  for (let from = 0; next; from += chunk) {
    const lines = await next;
    next = from + chunk < changed.length ? read(from + chunk) : undefined;
    const out: DeltaRow[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      const pid = changed[from + i] as number;
      const [oneId = '', mobile = '', email = ''] = line.split(UNIT_SEPARATOR);
      out.push({
        oneId,
        segment: view.entries.get(pid)?.segment ?? null,
        mobileHash: mobile || null,
        emailHash: email || null,
        change: delta.entered.has(pid) ? 'enter' : 'leave',
      });
    }
    yield out;
  }
}

/** The export's columns and `change`. */
export const DELTA_CSV_HEADER = `${CSV_HEADER.trimEnd()},change\n`;

export function deltaCsv(rows: readonly DeltaRow[]): string {
  let out = '';
  for (const r of rows) out += `${csvFields(r)},${r.change}\n`;
  return out;
}

export function deltaJsonLines(rows: readonly DeltaRow[]): string {
  let out = '';
  for (const r of rows) out += `${JSON.stringify({ ...jsonFields(r), change: r.change })}\n`;
  return out;
}
