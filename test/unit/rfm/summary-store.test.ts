import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { SummaryStore } from '../../../src/rfm/summary-store.js';
import type { PurchaseSummary } from '../../../src/rfm/summary.js';

const row = (pid: number, days: string[]) => ({
  pid,
  oneId: `OID${pid}`,
  days,
  dayCents: days.map(() => 100),
  dayBought: days.map(() => true),
  channels: ['app'],
  channelFirstDays: [days[0]],
  level: null,
  gender: null,
  registerChannel: null,
});

/** A graph whose full load the test releases by hand; each load reads the rows of that moment. */
function slowGraph() {
  let rows = [row(1, ['2026-01-01'])];
  const releases: (() => void)[] = [];
  let loads = 0;
  const db = {
    readQuery: async () => {
      loads++;
      await new Promise<void>((resolve) => releases.push(resolve));
      return rows;
    },
  } as unknown as Gateway;
  return {
    db,
    setRows: (next: typeof rows) => (rows = next),
    release: () => releases.shift()?.(),
    loads: () => loads,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SummaryStore', () => {
  it('does not keep a full load that a change overtook, whoever else waits on it', async () => {
    const graph = slowGraph();
    const store = new SummaryStore(graph.db);
    const first = store.summaries();
    await tick();
    // a write commits while the load reads (the load may or may not have seen it)
    const fresh = row(1, ['2026-01-01', '2026-02-01']);
    store.apply(new Map([[1, fresh as unknown as PurchaseSummary]]), [1], []);
    const second = store.summaries(); // a second reader joins the same load
    graph.setRows([fresh]);
    graph.release(); // the first load ends: it may have missed the change
    await tick();
    expect(graph.loads()).toBe(2); // so it is read again
    graph.release();
    for (const loaded of await Promise.all([first, second]))
      expect(loaded.get(1)?.days).toEqual(['2026-01-01', '2026-02-01']);
  });

  it('shares one load between concurrent readers', async () => {
    const graph = slowGraph();
    const store = new SummaryStore(graph.db);
    const both = Promise.all([store.summaries(), store.summaries()]);
    await tick();
    graph.release();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(graph.loads()).toBe(1);
  });
});
