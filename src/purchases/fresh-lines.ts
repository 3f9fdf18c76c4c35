import type { PurchaseLine, PurchaseRecord } from './purchase-record.js';

/**
 * The records of a batch cut down to the lines the graph does not hold: `stored` maps the key
 * of each purchase that exists to its stored line keys. A record left with no line is
 * dropped, so a re-load of a file writes nothing. Linear in lines (a Set per stored purchase).
 */
export function freshLines(
  records: readonly PurchaseRecord[],
  stored: ReadonlyMap<string, readonly string[]>,
): PurchaseRecord[] {
  const out: PurchaseRecord[] = [];
  for (const record of records) {
    const known = stored.get(record.key);
    if (known === undefined) {
      out.push(record);
      continue;
    }
    const have = new Set(known);
    const lines: PurchaseLine[] = record.lines.filter((line) => !have.has(line.key));
    if (lines.length > 0) out.push({ ...record, lines });
  }
  return out;
}
