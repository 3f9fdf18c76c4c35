import type { RowError } from './retail-line.js';

/** One line of a purchase: its stable key and revenue. */
export interface PurchaseLine {
  /** RetailLine.lineKey. */
  readonly key: string;
  readonly cents: number;
}

/**
 * The lines of one invoice and customer within one batch. An invoice whose lines are not
 * contiguous in the file can yield records with the same `key` in several batches: the writer
 * must union lines by `PurchaseLine.key` and keep the earliest `time`.
 */
export interface PurchaseRecord {
  /** `retail:<invoice>:<customerId or 'anon'>`. */
  readonly key: string;
  readonly source: string;
  readonly orderId: string;
  readonly customerId: string | null;
  /** Date of `time`. */
  readonly day: string;
  /** Earliest line time, `YYYY-MM-DDTHH:MM:SS`. */
  readonly time: string;
  readonly cancelled: boolean;
  /** Distinct lines in file order; duplicates of an earlier line of the file are left out. */
  readonly lines: readonly PurchaseLine[];
}

/** Counts over the rows of one batch only; a load's totals are the sums over its batches. */
export interface PurchaseCounts {
  /** Data rows read, valid or rejected. */
  rows: number;
  rejected: number;
  /** Valid rows without a customer, duplicates included; they are in records with customerId null. */
  anonymous: number;
  /** Valid rows identical in all eight fields to an earlier row of the same load; not in any record. */
  duplicates: number;
}

export interface PurchaseBatch {
  readonly purchases: readonly PurchaseRecord[];
  readonly rejected: readonly RowError[];
  readonly counts: Readonly<PurchaseCounts>;
}
