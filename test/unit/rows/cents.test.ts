import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageCents, centsText } from '../../../src/rows/cents.js';

describe('money as cents and exact text', () => {
  it('writes cents with exactly two decimals, where a float would not add up', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(centsText(10 + 20)).toBe('0.30');
    expect(centsText(0)).toBe('0.00');
    expect(centsText(5)).toBe('0.05');
    expect(centsText(-350)).toBe('-3.50');
    expect(centsText(1635102294)).toBe('16351022.94');
    expect(centsText(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => centsText(0.5)).toThrow(RangeError);
  });

  it('averages to whole cents, half away from zero', () => {
    expect(averageCents(162864, 30)).toBe(5429);
    expect(averageCents(5, 2)).toBe(3);
    expect(averageCents(-5, 2)).toBe(-3);
    expect(averageCents(7, 3)).toBe(2);
    expect(averageCents(100, 0)).toBe(0);
  });

  it('rounds like a reference written in BigInt over any safe total', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 1_000_000 }), (total, count) => {
        const t = BigInt(total);
        const n = BigInt(count);
        const abs = t < 0n ? -t : t;
        const floor = abs / n;
        const up = (abs % n) * 2n >= n ? 1n : 0n;
        const expected = (floor + up) * (t < 0n ? -1n : 1n);
        expect(BigInt(averageCents(total, count))).toBe(expected);
      }),
    );
  });
});
