import { describe, expect, it } from 'vitest';
import { OrderedPipeline } from '../../src/ingest/ordered-pipeline.js';

/** A unit of work that ends when the test says so. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('OrderedPipeline', () => {
  it('runs units at once up to its depth, and finishes them in the order they started', async () => {
    const pipeline = new OrderedPipeline(2);
    const works = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const finished: number[] = [];
    const push = (i: number) =>
      pipeline.push(
        () => {
          started.push(i);
          return works[i]!.promise;
        },
        async () => {
          finished.push(i);
        },
      );
    await push(0);
    await push(1);
    expect(started).toEqual([0, 1]);
    const third = push(2); // waits: two in flight
    await tick();
    expect(started).toEqual([0, 1]);
    works[1]!.resolve(); // the second ends first, but is not finished before the first
    await tick();
    expect(finished).toEqual([]);
    works[0]!.resolve();
    await third;
    expect(started).toEqual([0, 1, 2]);
    expect(finished).toEqual([0, 1]);
    works[2]!.resolve();
    await pipeline.drain();
    expect(finished).toEqual([0, 1, 2]);
  });

  it('finishes nothing after a failed unit, and reports the failure', async () => {
    const pipeline = new OrderedPipeline(3);
    const works = [deferred(), deferred(), deferred()];
    const finished: number[] = [];
    for (const i of [0, 1, 2])
      await pipeline.push(
        () => works[i]!.promise,
        async () => {
          finished.push(i);
        },
      );
    works[2]!.resolve();
    works[0]!.resolve();
    works[1]!.reject(new Error('graph write failed'));
    await expect(pipeline.drain()).rejects.toThrow('graph write failed');
    expect(finished).toEqual([0]);
  });

  it('rejects the next push once an earlier unit failed', async () => {
    const pipeline = new OrderedPipeline(1);
    await pipeline.push(
      () => Promise.reject(new Error('broker gone')),
      async () => undefined,
    );
    await expect(
      pipeline.push(
        async () => 1,
        async () => undefined,
      ),
    ).rejects.toThrow('broker gone');
  });

  it('a failing finish stops the later ones too', async () => {
    const pipeline = new OrderedPipeline(2);
    const finished: number[] = [];
    await pipeline.push(
      async () => 0,
      () => Promise.reject(new Error('commit failed')),
    );
    await pipeline.push(
      async () => 1,
      async () => {
        finished.push(1);
      },
    );
    await expect(pipeline.drain()).rejects.toThrow('commit failed');
    expect(finished).toEqual([]);
    await pipeline.settle();
  });
});
