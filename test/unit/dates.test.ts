import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseIsoDate, parseIsoTimestamp } from '../../src/dates.js';

describe('the one date parser', () => {
  it('refuses days a month does not have, and keeps leap days of leap years only', () => {
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2025-04-31')).toBeNull();
    expect(parseIsoDate('2026-00-10')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2026-02-28 ')).toBeNull();
    expect(parseIsoDate('20260228')).toBeNull();
  });

  it('reads timestamps strictly, a date alone being midnight', () => {
    expect(parseIsoTimestamp('2024-11-01 08:15:00')).toBe('2024-11-01T08:15:00');
    expect(parseIsoTimestamp('2024-11-01T08:15')).toBe('2024-11-01T08:15:00');
    expect(parseIsoTimestamp('2024-11-01')).toBe('2024-11-01T00:00:00');
    expect(parseIsoTimestamp('2024-11-31 08:15:00')).toBeNull();
    expect(parseIsoTimestamp('2024-11-30 24:00:00')).toBeNull();
    expect(parseIsoTimestamp('2024-11-30 23:60')).toBeNull();
  });

  it('agrees with the calendar of Date.UTC for every day of years 1000-9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const dt = new Date(Date.UTC(y, m - 1, d));
          const real = dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
          expect(isCalendarDate(y, m, d)).toBe(real);
        },
      ),
    );
  });
});
