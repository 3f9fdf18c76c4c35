import type { RowError } from '../rows/row-error.js';

/**
 * One valid line of a retail transactions file, normalized. Values are exact: `price` is the
 * decimal as written (canonical form, no float involved) and `revenueCents` is derived from it.
 */
export interface RetailLine {
  /** Invoice number as written, trimmed (`489434`, `C489449`). */
  readonly invoice: string;
  readonly stockCode: string;
  /** Trimmed; may be empty. */
  readonly description: string;
  /** Whole number; negative on cancellations. */
  readonly quantity: number;
  /** Naive local time `YYYY-MM-DDTHH:MM:SS`, no timezone. */
  readonly invoiceTime: string;
  /** `YYYY-MM-DD`, the date part of `invoiceTime`. */
  readonly day: string;
  /** Unit price as a canonical exact decimal string: `8.40` → `8.4`, `.5` → `0.5`. */
  readonly price: string;
  /** quantity × price × 100, rounded half away from zero (3 × 1.255 → 377). */
  readonly revenueCents: number;
  /** Trimmed; `13085.0` → `13085`; null on guest (anonymous) lines. */
  readonly customerId: string | null;
  readonly country: string;
  /** The invoice starts with `C` (case-insensitive). */
  readonly cancelled: boolean;
  /**
   * 16 hex digits of the SHA-1 of the eight normalized fields. Lines equal in all eight fields
   * have the same key, whatever the file format (`13085.0` and `13085`, `8.40` and `8.4` agree).
   */
  readonly lineKey: string;
}

export type { RowError } from '../rows/row-error.js';

/** What the reader yields per data row. */
export type RetailRowResult =
  | { readonly ok: true; readonly line: RetailLine }
  | { readonly ok: false; readonly error: RowError };
