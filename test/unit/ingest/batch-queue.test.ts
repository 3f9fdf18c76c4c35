import { describe, expect, it } from 'vitest';
import { BatchQueue } from '../../../src/ingest/batch-queue.js';

describe('BatchQueue', () => {
  it('gives a full batch at once', async () => {
    const q = new BatchQueue<number>();
    for (let i = 0; i < 5; i++) q.push(i);
    const started = Date.now();
    expect(await q.take(3, 10_000)).toEqual([0, 1, 2]);
    expect(Date.now() - started).toBeLessThan(100);
    expect(q.length).toBe(2);
  });

  it('gives a partial batch after the linger time', async () => {
    const q = new BatchQueue<number>();
    setTimeout(() => q.push(1), 10);
    const started = Date.now();
    expect(await q.take(100, 60)).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('wakes the taker as soon as the batch fills', async () => {
    const q = new BatchQueue<number>();
    const taken = q.take(3, 10_000);
    q.push(1);
    q.push(2);
    setTimeout(() => q.push(3), 10);
    expect(await taken).toEqual([1, 2, 3]);
  });

  it('gives what is left, then an empty batch, once closed', async () => {
    const q = new BatchQueue<number>();
    q.push(1);
    q.close();
    expect(await q.take(10, 10_000)).toEqual([1]);
    expect(await q.take(10, 10_000)).toEqual([]);
  });

  it('releases a waiting taker when closed', async () => {
    const q = new BatchQueue<number>();
    const taken = q.take(10, 10_000);
    q.close();
    expect(await taken).toEqual([]);
  });
});
