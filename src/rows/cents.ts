/** Money as integer cents, and its exact decimal text. No float is involved anywhere. */

/** `-1234` → "-12.34", `5` → "0.05": exactly 2 decimals. */
export function centsText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const magnitude = BigInt(Math.abs(cents));
  const fraction = String(magnitude % 100n).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${magnitude / 100n}.${fraction}`;
}

/** `total / count` rounded to whole cents, half away from zero, exactly; 0 when count is 0. */
export function averageCents(total: number, count: number): number {
  if (count === 0) return 0;
  const magnitude = BigInt(Math.abs(total));
  const n = BigInt(count);
  const rounded = Number((2n * magnitude + n) / (2n * n));
  return total < 0 ? -rounded : rounded;
}
