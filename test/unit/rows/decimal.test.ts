import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal } from '../../../src/rows/decimal.js';

describe('parseDecimal / formatDecimal', () => {
  it.each([
    ['6.95', '6.95'],
    ['8.40', '8.4'],
    ['0.001', '0.001'],
    ['.5', '0.5'],
    ['12', '12'],
    ['12.', '12'],
    ['+3.10', '3.1'],
    ['-11062.06', '-11062.06'],
    ['-0.00', '0'],
    ['0007.50', '7.5'],
    ['1e-7', '0.0000001'],
    ['2.5E3', '2500'],
    ['1200', '1200'],
  ])('%s → %s', (text, canonical) => {
    const value = parseDecimal(text);
    expect(value).not.toBeNull();
    if (value !== null) expect(formatDecimal(value)).toBe(canonical);
  });

  it.each(['', 'abc', '1.2.3', '1,5', '.', '-', '1e', ' 1', '0x10', 'NaN', 'Infinity'])(
    'rejects %j',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );

  it('round-trips the shortest form of any double (how XLSX numbers arrive)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (n) => {
        const value = parseDecimal(String(n));
        expect(value).not.toBeNull();
        if (value !== null) expect(Number(formatDecimal(value))).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
