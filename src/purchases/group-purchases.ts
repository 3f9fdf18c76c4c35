import { LineKeySet } from './line-key-set.js';
import type {
  PurchaseBatch,
  PurchaseCounts,
  PurchaseLine,
  PurchaseRecord,
} from './purchase-record.js';
import type { RetailLine, RetailRowResult, RowError } from './retail-line.js';

export interface GroupPurchasesOptions {
  /** Channel written into every record; default `online_retail`. */
  readonly source?: string;
  /** Rows (valid or rejected) per batch; default 10,000. */
  readonly batchLines?: number;
  /**
   * When above `batchLines`: each batch is twice the size of the one before, up to this many
   * rows (a load shows progress and commits early, then writes in fewer, larger batches).
   * Default `batchLines`: every batch the same size.
   */
  readonly maxBatchLines?: number;
}

interface OpenRecord {
  readonly record: Omit<PurchaseRecord, 'day' | 'time' | 'lines'>;
  time: string;
  readonly lines: PurchaseLine[];
}

/**
 * Groups a stream of read results into batches of `batchLines` rows (growing up to
 * `maxBatchLines` when given): one PurchaseRecord per invoice and customer within a batch,
 * plus the batch's rejected rows and counts. Rows that repeat an earlier row of the same
 * stream in all eight fields are counted as duplicates and left out. Remembers each distinct
 * line's key (8 bytes a line, see LineKeySet). Yields nothing for a stream without rows.
 */
export async function* groupPurchases(
  rows: AsyncIterable<RetailRowResult>,
  options: GroupPurchasesOptions = {},
): AsyncGenerator<PurchaseBatch> {
  yield* groupPurchaseChunks(singles(rows), options);
}

/** groupPurchases over rows that come in arrays (readRetailChunks): the same batches. */
export async function* groupPurchaseChunks(
  chunks: AsyncIterable<readonly RetailRowResult[]>,
  options: GroupPurchasesOptions = {},
): AsyncGenerator<PurchaseBatch> {
  const source = options.source ?? 'online_retail';
  let batchLines = Math.max(1, options.batchLines ?? 10_000);
  const maxBatchLines = Math.max(batchLines, options.maxBatchLines ?? batchLines);
  // lineKey hashes the invoice too, so it alone identifies a line within the load.
  const seen = new LineKeySet();
  let open = new Map<string, OpenRecord>();
  let rejected: RowError[] = [];
  let counts = emptyCounts();
  const last: LastRecord = { invoice: '', customerId: null, entry: undefined };

  for await (const chunk of chunks) {
    for (const row of chunk) {
      counts.rows += 1;
      if (!row.ok) {
        counts.rejected += 1;
        rejected.push(row.error);
      } else {
        const line = row.line;
        if (line.customerId === null) counts.anonymous += 1;
        if (seen.add(line.lineKey)) addLine(open, line, source, last);
        else counts.duplicates += 1;
      }
      if (counts.rows >= batchLines) {
        yield { purchases: close(open), rejected, counts };
        open = new Map();
        last.entry = undefined;
        batchLines = Math.min(maxBatchLines, batchLines * 2);
        rejected = [];
        counts = emptyCounts();
      }
    }
  }
  if (counts.rows > 0) yield { purchases: close(open), rejected, counts };
}

async function* singles<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}

/** The record lines were last added to: the lines of an invoice are mostly contiguous. */
interface LastRecord {
  invoice: string;
  customerId: string | null;
  entry: OpenRecord | undefined;
}

function addLine(
  open: Map<string, OpenRecord>,
  line: RetailLine,
  source: string,
  last: LastRecord,
): void {
  let entry =
    last.entry !== undefined && last.invoice === line.invoice && last.customerId === line.customerId
      ? last.entry
      : undefined;
  const purchaseLine = { key: line.lineKey, cents: line.revenueCents };
  if (entry === undefined) {
    const key = `retail:${line.invoice}:${line.customerId ?? 'anon'}`;
    entry = open.get(key);
    if (entry === undefined) {
      const record = {
        key,
        source,
        orderId: line.invoice,
        customerId: line.customerId,
        cancelled: line.cancelled,
      };
      entry = { record, time: line.invoiceTime, lines: [] };
      open.set(key, entry);
    }
    last.invoice = line.invoice;
    last.customerId = line.customerId;
    last.entry = entry;
  }
  if (entry.lines.length === 0 || line.invoiceTime < entry.time) entry.time = line.invoiceTime;
  entry.lines.push(purchaseLine);
}

function close(open: Map<string, OpenRecord>): PurchaseRecord[] {
  return [...open.values()].map(({ record, time, lines }) => ({
    ...record,
    day: time.slice(0, 10),
    time,
    lines,
  }));
}

function emptyCounts(): PurchaseCounts {
  return { rows: 0, rejected: 0, anonymous: 0, duplicates: 0 };
}
