/**
 * Quintile scores 1..5 over a population, ties sharing a score: a value's score is
 * 1 + floor(5 × (values ranked below it) / N). For recency, lower is better, so "below"
 * means a larger number of days.
 */
export class QuintileScale {
  private readonly sorted: Float64Array;

  constructor(
    values: Iterable<number>,
    private readonly lowerIsBetter = false,
  ) {
    this.sorted = Float64Array.from(values).sort();
  }

  score(value: number): number {
    const n = this.sorted.length;
    if (n === 0) return 1;
    const below = this.lowerIsBetter
      ? n - upperBound(this.sorted, value)
      : lowerBound(this.sorted, value);
    return Math.min(5, 1 + Math.floor((5 * below) / n));
  }
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
