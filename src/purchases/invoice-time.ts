import { isCalendarDate, isClockTime } from '../dates.js';
import type { RawCell } from '../rows/source-record.js';

/** `2009-12-01 07:45:00`, `2009-12-01T07:45`, `2009-12-01`; fractional seconds are dropped. */
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
/** The Kaggle XLSX export: `12/1/2009 7:45` (month first), optionally with seconds. */
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const MS_PER_DAY = 86_400_000;
/** Day 0 of the 1900 date system is 1899-12-30 for every serial after Excel's fake 1900-02-29. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * The naive timestamp `YYYY-MM-DDTHH:MM:SS` of an invoice date cell, or null when it is not a
 * valid calendar date and time. Text is read as written (no timezone). A Date (XLSX date cell)
 * is read from its UTC fields, rounded to the second; a number is an Excel 1900-system serial.
 */
export function parseInvoiceTime(cell: RawCell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return fromEpochMs(cell.getTime());
  if (typeof cell === 'number') return fromEpochMs(EXCEL_EPOCH_MS + cell * MS_PER_DAY);
  return parseText(cell.trim());
}

/** Lines of one invoice repeat its date text, so the last answer is kept. */
let lastText = '';
let lastTime: string | null = null;

function parseText(text: string): string | null {
  if (text === lastText) return lastTime;
  lastText = text;
  lastTime = parseTextUncached(text);
  return lastTime;
}

function parseTextUncached(text: string): string | null {
  const iso = ISO.exec(text);
  if (iso !== null) return fromParts(iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]);
  const us = US.exec(text);
  if (us !== null) return fromParts(us[3], us[1], us[2], us[4], us[5], us[6]);
  return null;
}

function fromEpochMs(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const date = new Date(Math.round(ms / 1000) * 1000);
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return format(
    year,
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}

function fromParts(
  y: string | undefined,
  mo: string | undefined,
  d: string | undefined,
  h = '0',
  mi = '0',
  s = '0',
): string | null {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isCalendarDate(year, month, day) || !isClockTime(hour, minute, second)) return null;
  return format(year, month, day, hour, minute, second);
}

function format(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string {
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
