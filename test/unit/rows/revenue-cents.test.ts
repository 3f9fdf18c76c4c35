import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, type Decimal } from '../../../src/rows/decimal.js';
import { revenueCents } from '../../../src/rows/revenue-cents.js';

function price(text: string): Decimal {
  const value = parseDecimal(text);
  if (value === null) throw new Error(`bad price in test: ${text}`);
  return value;
}

/**
 * Reference by digit inspection: write |q × price| out in decimal, keep two fraction digits,
 * round up when the first dropped digit is 5 or more.
 */
function referenceCents(quantity: number, text: string): number {
  const p = price(text);
  const product = (BigInt(Math.abs(quantity)) * BigInt(p.digits))
    .toString()
    .padStart(p.scale + 1, '0');
  const whole =
    p.scale >= 2
      ? product.slice(0, product.length - (p.scale - 2))
      : product + '0'.repeat(2 - p.scale);
  const dropped = p.scale > 2 ? product.charAt(product.length - (p.scale - 2)) : '0';
  const magnitude = Number(whole) + (dropped >= '5' ? 1 : 0);
  const negative = quantity < 0 !== p.negative;
  return magnitude === 0 ? 0 : negative ? -magnitude : magnitude;
}

describe('revenueCents', () => {
  it.each([
    [3, '1.255', 377],
    [-3, '1.255', -377],
    [1, '0.005', 1],
    [-1, '0.005', -1],
    [1, '0.004', 0],
    [1, '0.001', 0],
    [12, '6.95', 8340],
    [6, '8.40', 5040],
    [48, '2.1', 10080],
    [1, '-11062.06', -1106206],
    [-96, '0.0', 0],
    [0, '5', 0],
    [3, '0.335', 101],
    [7, '0.145', 102],
    // 16 significant digits: the BigInt path.
    [1, '1234567890123.455', 123_456_789_012_346],
    [-1, '1234567890123.455', -123_456_789_012_346],
    [1, '1234567890123.445', 123_456_789_012_345],
    [2, '0.0000000000000000025', 0],
  ])('%d × %s = %d cents', (quantity, text, cents) => {
    expect(revenueCents(quantity, price(text))).toBe(cents);
  });

  it('is symmetric in the sign of the quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (q, digits, scale) => {
          const p = price(
            scale === 0
              ? String(digits)
              : `${Math.trunc(digits / 10 ** scale)}.${String(digits % 10 ** scale).padStart(scale, '0')}`,
          );
          expect(revenueCents(-q, p)).toBe(-(revenueCents(q, p) ?? 0) || 0);
        },
      ),
    );
  });

  it('matches digit-by-digit rounding, on the fast path and the BigInt path', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 18 }))
      .map(([negative, digits, scale]) => {
        const padded = digits.toString().padStart(scale + 1, '0');
        const body = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
        return (negative ? '-' : '') + body;
      });
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), decimalText, (q, text) => {
        const expected = referenceCents(q, text);
        const actual = revenueCents(q, price(text));
        if (Number.isSafeInteger(expected)) expect(actual).toBe(expected);
        else expect(actual).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('returns null when the revenue is not a safe integer', () => {
    expect(revenueCents(1_000_000, price('1e12'))).toBeNull();
  });
});
