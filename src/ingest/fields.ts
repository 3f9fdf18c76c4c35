import { RowRejected } from './row-error.js';

/** Field parsers for loaders: each throws RowRejected with a reason naming the column. */

export function text(row: Record<string, unknown>, column: string): string {
  const v = row[column];
  if (v === undefined) throw new RowRejected(`missing column "${column}"`);
  if (v === null) return '';
  return String(v).trim();
}

export function required(row: Record<string, unknown>, column: string): string {
  const v = text(row, column);
  if (v === '') throw new RowRejected(`empty ${column}`);
  return v;
}

export function optional(row: Record<string, unknown>, column: string): string | null {
  const v = row[column];
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS" → "YYYY-MM-DDTHH:MM:SS"; a date alone gets midnight. */
export function timestamp(row: Record<string, unknown>, column: string): string {
  const v = required(row, column);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (
    !m ||
    !validDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
    Number(m[4] ?? 0) > 23 ||
    Number(m[5] ?? 0) > 59 ||
    Number(m[6] ?? 0) > 59
  ) {
    throw new RowRejected(`malformed date "${v}" in ${column}`);
  }
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
}

export function date(row: Record<string, unknown>, column: string): string | null {
  const v = optional(row, column);
  if (v === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3])))
    throw new RowRejected(`malformed date "${v}" in ${column}`);
  return v;
}

export function decimal(row: Record<string, unknown>, column: string): number | null {
  const v = row[column];
  if (v === undefined) throw new RowRejected(`missing column "${column}"`);
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || (typeof v === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(v))) {
    throw new RowRejected(`malformed number "${String(v)}" in ${column}`);
  }
  return n;
}

export function integer(row: Record<string, unknown>, column: string): number | null {
  const n = decimal(row, column);
  if (n !== null && !Number.isInteger(n))
    throw new RowRejected(`malformed whole number "${String(row[column])}" in ${column}`);
  return n;
}

export function boolean(row: Record<string, unknown>, column: string): boolean {
  const v = text(row, column).toLowerCase();
  if (['true', '1', 'yes', 't'].includes(v)) return true;
  if (['false', '0', 'no', 'f'].includes(v)) return false;
  throw new RowRejected(`malformed boolean "${v}" in ${column}`);
}

/** Money as integer cents, rounded half away from zero. */
export function toCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100 + 1e-9);
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
