import { describe, expect, it } from 'vitest';
import { OrderedPipeline } from '../../../src/ingest/ordered-pipeline.js';

/** A promise settled from outside, to finish stores in a chosen order. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('OrderedPipeline', () => {
  it('commits in submission order though later stores finish first', async () => {
    const log: string[] = [];
    const pipeline = new OrderedPipeline(3, (e) => log.push(`error ${String(e)}`));
    const gates = [gate(), gate(), gate()];
    for (const [i, g] of gates.entries())
      await pipeline.submit(
        async () => {
          await g.promise;
          log.push(`stored ${i}`);
        },
        async () => void log.push(`committed ${i}`),
      );
    expect(pipeline.inFlight).toBe(3);
    gates[2]!.open();
    gates[1]!.open();
    await tick();
    expect(log).toEqual(['stored 2', 'stored 1']);
    gates[0]!.open();
    await pipeline.drain();
    expect(log).toEqual([
      'stored 2',
      'stored 1',
      'stored 0',
      'committed 0',
      'committed 1',
      'committed 2',
    ]);
  });

  it('runs at most `width` stores at once', async () => {
    const pipeline = new OrderedPipeline(2, () => undefined);
    let running = 0;
    let most = 0;
    for (let i = 0; i < 6; i++)
      await pipeline.submit(
        async () => {
          running++;
          most = Math.max(most, running);
          await tick();
          running--;
        },
        async () => undefined,
      );
    await pipeline.drain();
    expect(most).toBe(2);
  });

  it('commits nothing after a failed store, reports the first failure once and starts nothing more', async () => {
    const committed: number[] = [];
    const errors: unknown[] = [];
    const pipeline = new OrderedPipeline(3, (e) => errors.push(e));
    const gates = [gate(), gate(), gate()];
    for (const [i, g] of gates.entries())
      await pipeline.submit(
        () => g.promise,
        async () => void committed.push(i),
      );
    gates[0]!.open();
    gates[2]!.open();
    gates[1]!.fail(new Error('graph down'));
    await pipeline.drain();
    expect(committed).toEqual([0]);
    expect(errors).toEqual([new Error('graph down')]);
    let started = false;
    await pipeline.submit(
      async () => void (started = true),
      async () => undefined,
    );
    await pipeline.drain();
    expect(started).toBe(false);
  });

  it('stops committing after a failed commit', async () => {
    const committed: number[] = [];
    const errors: unknown[] = [];
    const pipeline = new OrderedPipeline(2, (e) => errors.push(e));
    await pipeline.submit(
      async () => undefined,
      async () => {
        throw new Error('broker gone');
      },
    );
    await pipeline.submit(
      async () => undefined,
      async () => void committed.push(1),
    );
    await pipeline.drain();
    expect(committed).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
