import { describe, expect, it } from 'vitest';
import { readAhead } from '../../../src/rows/read-ahead.js';

/** Yields 0..n-1, logging when each item is produced; throws at `failAt`. */
async function* source(n: number, log: string[], failAt = -1) {
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, 1));
    if (i === failAt) throw new Error(`failed at ${i}`);
    log.push(`made ${i}`);
    yield i;
  }
}

describe('readAhead', () => {
  it('passes every item on in order and produces the next while the consumer works', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of readAhead(source(4, log), 1)) {
      await new Promise((r) => setTimeout(r, 20)); // the consumer's write
      log.push(`used ${item}`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    // item 1 was made while item 0 was being used, not after
    expect(log.indexOf('made 1')).toBeLessThan(log.indexOf('used 0'));
    // never more than one item ahead
    expect(log.indexOf('made 2')).toBeGreaterThan(log.indexOf('used 0'));
  });

  it('throws the source error where its item would have come', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const item of readAhead(source(5, [], 2))) seen.push(item);
    };
    await expect(run()).rejects.toThrow('failed at 2');
    expect(seen).toEqual([0, 1]);
  });

  it('stops the source when the consumer stops', async () => {
    let finished = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        finished = true;
      }
    }
    for await (const item of readAhead(endless())) if (item === 3) break;
    expect(finished).toBe(true);
  });
});
