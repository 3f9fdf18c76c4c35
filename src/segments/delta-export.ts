import type { Gateway } from '../neo4j/gateway.js';
import type { RfmService } from '../rfm/rfm-service.js';
import type { AudienceDelta } from './audience-delta.js';
import { csvField, type ExportRow } from './package-export.js';

/** An export row with the way it changed. */
export interface DeltaRow extends ExportRow {
  readonly change: 'enter' | 'leave';
}

const UNIT_SEPARATOR = '\u001f';

/**
 * The rows of a delta, in chunks: the persons who entered, then those who left, each as itself
 * (a person merged since keeps the OneID the platform was sent), with the RFM segment as of the
 * latest version's date and the first hashed mobile and email. One read per chunk; the next
 * chunk is read while the caller writes the current one, and no more rows are held.
 */
export async function* deltaRows(
  db: Gateway,
  rfm: RfmService,
  delta: AudienceDelta,
  { chunk = 25_000 }: { readonly chunk?: number } = {},
): AsyncGenerator<DeltaRow[]> {
  const view = await rfm.view(delta.asOf);
  const parts: ['enter' | 'leave', Uint32Array][] = [
    ['enter', delta.entered.toUint32Array()],
    ['leave', delta.left.toUint32Array()],
  ];
  const chunks = parts.flatMap(([change, pids]) => {
    const out: { change: 'enter' | 'leave'; pids: Uint32Array }[] = [];
    for (let i = 0; i < pids.length; i += chunk)
      out.push({ change, pids: pids.subarray(i, i + chunk) });
    return out;
  });
  const read = async (pids: Uint32Array) =>
    ((
      await db.readQuery<{ lines: string[] }>('segments/person-rows', { pids: Array.from(pids) })
    )[0]?.lines ?? []) as string[];
  let next: Promise<string[]> | undefined;
  for (let c = 0; c < chunks.length; c++) {
    const { change, pids } = chunks[c] as (typeof chunks)[number];
    const lines = await (next ?? read(pids));
    const following = chunks[c + 1];
    next = following ? read(following.pids) : undefined;
    next?.catch(() => undefined); // observed here too: an abandoned export must not crash the process
    const out: DeltaRow[] = [];
    for (let i = 0; i < pids.length; i++) {
      const line = lines[i] ?? '';
      if (line === '') continue;
      const [oneId = '', mobile = '', email = ''] = line.split(UNIT_SEPARATOR);
      out.push({
        oneId,
        segment: view.entries.get(pids[i] as number)?.segment ?? null,
        mobileHash: mobile || null,
        emailHash: email || null,
        change,
      });
    }
    yield out;
  }
}

export const DELTA_CSV_HEADER = 'one_id,segment,mobile_hash,email_hash,change\n';

export function deltaCsv(rows: readonly DeltaRow[]): string {
  let out = '';
  for (const r of rows)
    out += `${csvField(r.oneId)},${csvField(r.segment)},${csvField(r.mobileHash)},${csvField(r.emailHash)},${r.change}\n`;
  return out;
}

export function deltaJsonLines(rows: readonly DeltaRow[]): string {
  let out = '';
  for (const r of rows)
    out +=
      JSON.stringify({
        one_id: r.oneId,
        segment: r.segment,
        mobile_hash: r.mobileHash,
        email_hash: r.emailHash,
        change: r.change,
      }) + '\n';
  return out;
}
