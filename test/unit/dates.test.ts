import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isCalendarDate,
  parseIsoDate,
  parseIsoTimestamp,
  parseOffsetTimestamp,
} from '../../src/dates.js';

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

  it('reads RFC 3339 timestamps with an offset as the UTC instant, to the second', () => {
    expect(parseOffsetTimestamp('2024-11-01T08:15:00Z')).toBe('2024-11-01T08:15:00');
    expect(parseOffsetTimestamp('2024-11-01T16:15:00+08:00')).toBe('2024-11-01T08:15:00');
    expect(parseOffsetTimestamp('2024-11-01T03:15:00-05:00')).toBe('2024-11-01T08:15:00');
    expect(parseOffsetTimestamp('2024-03-01T01:00:00+02:00')).toBe('2024-02-29T23:00:00');
    expect(parseOffsetTimestamp('2025-12-31T20:00:00-04:30')).toBe('2026-01-01T00:30:00');
    expect(parseOffsetTimestamp('2024-11-01T08:15:00.999Z')).toBe('2024-11-01T08:15:00');
    expect(parseOffsetTimestamp('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00');
  });

  it('refuses timestamps without an offset, impossible ones, and instants outside 0000-9999', () => {
    for (const text of [
      '2024-11-01T08:15:00',
      '2024-11-01 08:15:00Z',
      '2024-11-01T08:15Z',
      '2024-11-31T08:15:00Z',
      '2024-11-01T24:00:00Z',
      '2024-11-01T08:15:00+24:00',
      '2024-11-01T08:15:00+08:60',
      '2024-11-01T08:15:00+0800',
      '0000-01-01T00:00:00+00:01',
      '9999-12-31T23:59:59-00:01',
    ])
      expect({ text, parsed: parseOffsetTimestamp(text) }).toEqual({ text, parsed: null });
  });

  it('agrees with Date arithmetic on instants of years 1000-9999 at any offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (instant, offset) => {
          const seconds = Math.floor(instant.getTime() / 1000) * 1000;
          const local = new Date(seconds + offset * 60_000).toISOString().slice(0, 19);
          const abs = Math.abs(offset);
          const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseOffsetTimestamp(local + zone)).toBe(
            new Date(seconds).toISOString().slice(0, 19),
          );
        },
      ),
    );
  });
});
