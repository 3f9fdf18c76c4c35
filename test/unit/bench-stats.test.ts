import { describe, expect, it } from 'vitest';
import { max, median, percentile } from '../../bench/lib/stats.js';

describe('bench statistics', () => {
  it('takes the largest of a long run of latencies (Math.max(...xs) overflows the stack)', () => {
    const latencies = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_000);
    expect(max(latencies)).toBe(299_999);
    expect(max([])).toBeNaN();
  });

  it('gives nearest-rank percentiles and the median', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 0.99)).toBe(5);
    expect(percentile(xs, 0.5)).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
