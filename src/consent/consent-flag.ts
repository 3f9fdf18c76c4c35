import { preview } from '../input-limits.js';
import { RowRejected } from '../rows/row-error.js';
import { isConsentPurpose, type ConsentPurpose } from './purposes.js';

const GRANTED = new Set(['true', 'yes', '1', 'y']);
const WITHDRAWN = new Set(['false', 'no', '0', 'n']);

/**
 * A consent column of a row (CSV text, a binlog value, a JSON boolean): true / false, yes /
 * no, 1 / 0, y / n in any case. Missing, null or empty is no statement (null). Anything else
 * throws RowRejected naming the column.
 */
export function consentFlag(row: Record<string, unknown>, column: string): boolean | null {
  const v = row[column];
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  const text = (typeof v === 'string' || typeof v === 'number' ? String(v) : '').trim();
  if (text === '' && typeof v === 'string') return null;
  const lower = text.toLowerCase();
  if (GRANTED.has(lower)) return true;
  if (WITHDRAWN.has(lower)) return false;
  throw new RowRejected(
    `malformed consent ${preview(typeof v === 'object' ? JSON.stringify(v) : String(v))} in ${column} (true/false, yes/no, 1/0, y/n)`,
  );
}

/** A purpose column of a row: "ads" or "email"; throws RowRejected naming the column. */
export function consentPurpose(row: Record<string, unknown>, column: string): ConsentPurpose {
  const v = row[column];
  if (isConsentPurpose(v)) return v;
  throw new RowRejected(
    v === undefined || v === null || v === ''
      ? `empty ${column}`
      : `unknown consent purpose ${preview(String(v))} in ${column} (ads, email)`,
  );
}
