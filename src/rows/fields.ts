import { parseIsoDate, parseIsoTimestamp } from '../dates.js';
import { MAX_FIELD_TEXT, preview } from '../input-limits.js';
import { parseDecimal } from './decimal.js';
import { revenueCents } from './revenue-cents.js';
import { RowRejected } from './row-error.js';

/**
 * Field parsers for loaders: each throws RowRejected with a reason naming the column. No
 * text field is longer than MAX_FIELD_TEXT; a reason quotes at most a short prefix.
 */

export function text(row: Record<string, unknown>, column: string): string {
  const v = row[column];
  if (v === undefined) throw new RowRejected(`missing column "${column}"`);
  if (v === null) return '';
  return bounded(String(v), column).trim();
}

export function required(row: Record<string, unknown>, column: string): string {
  const v = text(row, column);
  if (v === '') throw new RowRejected(`empty ${column}`);
  return v;
}

export function optional(row: Record<string, unknown>, column: string): string | null {
  const v = row[column];
  if (v === undefined || v === null) return null;
  const s = bounded(String(v), column).trim();
  return s === '' ? null : s;
}

function bounded(v: string, column: string): string {
  if (v.length > MAX_FIELD_TEXT)
    throw new RowRejected(`${column} longer than ${MAX_FIELD_TEXT} characters`);
  return v;
}

/** "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS" → "YYYY-MM-DDTHH:MM:SS"; a date alone gets midnight. */
export function timestamp(row: Record<string, unknown>, column: string): string {
  const v = required(row, column);
  const stamp = parseIsoTimestamp(v);
  if (stamp === null) throw new RowRejected(`malformed date ${preview(v)} in ${column}`);
  return stamp;
}

export function date(row: Record<string, unknown>, column: string): string | null {
  const v = optional(row, column);
  if (v === null) return null;
  if (parseIsoDate(v) === null) throw new RowRejected(`malformed date ${preview(v)} in ${column}`);
  return v;
}

export function decimal(row: Record<string, unknown>, column: string): number | null {
  const v = row[column];
  if (v === undefined) throw new RowRejected(`missing column "${column}"`);
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || (typeof v === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(v))) {
    throw new RowRejected(`malformed number ${preview(String(v))} in ${column}`);
  }
  return n;
}

export function integer(row: Record<string, unknown>, column: string): number | null {
  const n = decimal(row, column);
  if (n !== null && !Number.isInteger(n))
    throw new RowRejected(`malformed whole number ${preview(String(row[column]))} in ${column}`);
  return n;
}

export function boolean(row: Record<string, unknown>, column: string): boolean {
  const v = text(row, column).toLowerCase();
  if (['true', '1', 'yes', 't'].includes(v)) return true;
  if (['false', '0', 'no', 'f'].includes(v)) return false;
  throw new RowRejected(`malformed boolean ${preview(v)} in ${column}`);
}

/**
 * Money as integer cents, rounded half away from zero, computed exactly from the decimal text
 * (no float): `1234567.005` is 123456701 cents. A JSON number is read in its shortest
 * round-trip form, which is the text it was written as for up to 15 significant digits.
 */
export function cents(row: Record<string, unknown>, column: string): number | null {
  const n = decimal(row, column);
  if (n === null) return null;
  const v = row[column];
  const amount = parseDecimal(typeof v === 'number' ? String(v) : String(v).trim());
  const result = amount === null ? null : revenueCents(1, amount);
  if (result === null) throw new RowRejected(`${column} out of range`);
  return result;
}
