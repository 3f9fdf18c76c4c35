/** Order statistics of a sample of numbers (milliseconds, usually). */

/** The q-quantile (0..1) by nearest rank on a sorted copy; NaN for an empty sample. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The largest value; NaN for an empty sample. A loop, not `Math.max(...values)`, which
 * overflows the stack past about 100,000 arguments (a long load run's latencies).
 */
export function max(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let largest = -Infinity;
  for (const v of values) if (v > largest) largest = v;
  return largest;
}

/** Rounds for JSON output: `digits` decimals. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** a / b rounded, null when b is 0 or not finite. */
export function ratio(a: number, b: number, digits = 2): number | null {
  return b > 0 && Number.isFinite(a / b) ? round(a / b, digits) : null;
}
