/**
 * The one date parser of the code base: ISO calendar dates, naive timestamps and RFC 3339
 * timestamps with an offset, strict (2026-02-30 is not a date, 24:00 is not a time). Callers
 * turn `null` into their own error (BAD_USER_INPUT, a rejected row, a configuration error).
 *
 * Stored timestamps are naive, "YYYY-MM-DDTHH:MM:SS", and in UTC: the service writes its own
 * clock in UTC (`nowStamp`), and the naive times of source files are read as UTC.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** True when year, month (1-12) and day exist in the proleptic Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/** True for 00:00:00 to 23:59:59. */
export function isClockTime(hour: number, minute: number, second: number): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/** "YYYY-MM-DD" when `text` is exactly that and a real date; null otherwise. */
export function parseIsoDate(text: string): string | null {
  const m = DATE.exec(text);
  return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}

/**
 * "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD" → "YYYY-MM-DDTHH:MM:SS" (a date
 * alone is midnight); null when it is not a real date and time.
 */
export function parseIsoTimestamp(text: string): string | null {
  const m = TIMESTAMP.exec(text);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  const [hh, mm, ss] = [m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'];
  if (!isClockTime(Number(hh), Number(mm), Number(ss))) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${hh}:${mm}:${ss}`;
}

/**
 * An RFC 3339 timestamp with its offset ("2024-11-01T08:15:00+08:00", "...Z", fractions of a
 * second allowed and dropped) → the same instant as a stored UTC timestamp
 * "YYYY-MM-DDTHH:MM:SS"; null when it is not a real date and time, has no offset, or falls
 * outside years 0000-9999 in UTC.
 */
export function parseOffsetTimestamp(text: string): string | null {
  const m = RFC3339.exec(text);
  const local = m?.[1] === undefined ? null : parseIsoTimestamp(m[1]);
  if (!m || local === null) return null;
  const [hours, minutes] = [Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59) return null;
  const offsetMs = (m[2] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  const utc = new Date(Date.parse(`${local}Z`) - offsetMs).toISOString();
  return /^\d{4}-/.test(utc) ? utc.slice(0, 19) : null;
}
