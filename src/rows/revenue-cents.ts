import type { Decimal } from './decimal.js';

/** Integer products below this are exact in a double, with room for the ×100. */
const EXACT = Number.MAX_SAFE_INTEGER / 128;

/**
 * quantity × price in cents, rounded half away from zero, computed exactly (integer math,
 * BigInt when a double could lose digits). `quantity` must be a safe integer. Returns null
 * when the result is not a safe integer.
 */
export function revenueCents(quantity: number, price: Decimal): number | null {
  const negative = quantity < 0 !== price.negative;
  const magnitude =
    price.digits.length <= 15 && price.scale <= 15
      ? smallMagnitude(Math.abs(quantity), Number(price.digits), price.scale)
      : null;
  const cents = magnitude ?? bigMagnitude(Math.abs(quantity), price.digits, price.scale);
  if (cents === null) return null;
  return cents === 0 ? 0 : negative ? -cents : cents;
}

function smallMagnitude(quantity: number, digits: number, scale: number): number | null {
  const product = quantity * digits;
  if (product > EXACT) return null;
  const numerator = product * 100;
  const denominator = 10 ** scale;
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

function bigMagnitude(quantity: number, digits: string, scale: number): number | null {
  const numerator = BigInt(quantity) * BigInt(digits) * 100n;
  const denominator = 10n ** BigInt(scale);
  const remainder = numerator % denominator;
  let quotient = numerator / denominator;
  if (remainder * 2n >= denominator) quotient += 1n;
  return quotient <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(quotient) : null;
}
