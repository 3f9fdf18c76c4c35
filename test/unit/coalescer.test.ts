import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/neo4j/coalescer.js';

/** A query whose calls are recorded and answered by hand. */
function manualQuery() {
  const calls: { keys: string[]; answer: (rows?: string[]) => void; fail: (e: Error) => void }[] =
    [];
  const query = (keys: string[]) =>
    new Promise<string[]>((resolve, reject) =>
      calls.push({
        keys,
        answer: (rows) => resolve(rows ?? keys.map((k) => k.toUpperCase())),
        fail: reject,
      }),
    );
  return { calls, query };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('sends a call at once while a query slot is free', async () => {
    const { calls, query } = manualQuery();
    const c = new Coalescer(query, { maxInFlight: 2, maxKeys: 100 });
    const a = c.lookup(['a']);
    const b = c.lookup(['b', 'c']);
    expect(calls.map((q) => q.keys)).toEqual([['a'], ['b', 'c']]);
    calls.forEach((q) => q.answer());
    expect(await a).toEqual(['A']);
    expect(await b).toEqual(['B', 'C']);
  });

  it('sends the calls that waited for a slot together, each answered with its own rows', async () => {
    const { calls, query } = manualQuery();
    const c = new Coalescer(query, { maxInFlight: 1, maxKeys: 100 });
    const first = c.lookup(['a']);
    const waiting = [c.lookup(['b']), c.lookup(['c', 'd']), c.lookup(['e'])];
    expect(calls).toHaveLength(1);
    calls[0]?.answer();
    expect(await first).toEqual(['A']);
    await tick();
    expect(calls.map((q) => q.keys)).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    calls[1]?.answer();
    expect(await Promise.all(waiting)).toEqual([['B'], ['C', 'D'], ['E']]);
  });

  it('keeps a query within maxKeys, but never splits a call', async () => {
    const { calls, query } = manualQuery();
    const c = new Coalescer(query, { maxInFlight: 1, maxKeys: 3 });
    void c.lookup(['a']);
    void c.lookup(['b', 'c']);
    void c.lookup(['d', 'e']);
    void c.lookup(['f', 'g', 'h', 'i']);
    for (let i = 0; i < 3; i++) {
      calls[i]?.answer();
      await tick();
    }
    expect(calls.map((q) => q.keys)).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f', 'g', 'h', 'i']]);
  });

  it('rejects every call of a failed query, and the next calls still go through', async () => {
    const { calls, query } = manualQuery();
    const c = new Coalescer(query, { maxInFlight: 1, maxKeys: 100 });
    void c.lookup(['a']).catch(() => undefined);
    const b = c.lookup(['b']);
    const d = c.lookup(['d']);
    calls[0]?.answer();
    await tick();
    calls[1]?.fail(new Error('database gone'));
    await expect(b).rejects.toThrow('database gone');
    await expect(d).rejects.toThrow('database gone');
    const e = c.lookup(['e']);
    await tick();
    calls[2]?.answer();
    expect(await e).toEqual(['E']);
  });

  it('rejects a query that does not answer one row per key', async () => {
    const { calls, query } = manualQuery();
    const c = new Coalescer(query, { maxInFlight: 1, maxKeys: 100 });
    const a = c.lookup(['a', 'b']);
    calls[0]?.answer(['A']);
    await expect(a).rejects.toThrow('answered 1 rows for 2 keys');
  });

  it('answers an empty call without a query', async () => {
    const { calls, query } = manualQuery();
    expect(await new Coalescer(query, { maxInFlight: 1, maxKeys: 100 }).lookup([])).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});
