import type { Gateway, Tx } from '../../src/neo4j/gateway.js';

export interface QueryTime {
  readonly calls: number;
  /** Wall time, including waiting for a CPU on a busy machine. */
  readonly ms: number;
  /** CPU time the Neo4j server used meanwhile (this client runs one query at a time). */
  readonly neo4jCpuMs?: number;
}

/**
 * A Gateway that forwards to `inner` and adds up the wall time spent per named query and
 * per transaction label, to see where a load spends its time in Neo4j. With `serverCpu`
 * (CPU seconds used so far by the server), also the server's CPU time during each call:
 * meaningful while calls do not overlap, and far less sensitive to a busy machine.
 */
export class TimedGateway implements Gateway {
  private readonly times = new Map<string, { calls: number; ms: number; cpu: number }>();

  constructor(
    private readonly inner: Gateway,
    private readonly serverCpu?: () => number,
  ) {}

  get driver() {
    return this.inner.driver;
  }

  get database() {
    return this.inner.database;
  }

  private async timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const cpu0 = this.serverCpu?.() ?? 0;
    try {
      return await work();
    } finally {
      const entry = this.times.get(name) ?? { calls: 0, ms: 0, cpu: 0 };
      entry.calls += 1;
      entry.ms += performance.now() - started;
      entry.cpu += (this.serverCpu?.() ?? 0) - cpu0;
      this.times.set(name, entry);
    }
  }

  private wrap(tx: Tx): Tx {
    return { run: (name, params) => this.timed(`  ${name}`, () => tx.run(name, params)) };
  }

  bookmarks: Gateway['bookmarks'] = () => this.inner.bookmarks();
  readQuery: Gateway['readQuery'] = (name, params) =>
    this.timed(`read ${name}`, () => this.inner.readQuery(name, params));
  writeQuery: Gateway['writeQuery'] = (name, params) =>
    this.timed(`write ${name}`, () => this.inner.writeQuery(name, params));
  writeTransaction: Gateway['writeTransaction'] = (work, label) =>
    this.timed(`tx ${label}`, () =>
      this.inner.writeTransaction((tx) => work(this.wrap(tx)), label),
    );
  readTransaction: Gateway['readTransaction'] = (work, label) =>
    this.timed(`tx ${label}`, () => this.inner.readTransaction((tx) => work(this.wrap(tx)), label));
  ping = () => this.inner.ping();
  close = () => this.inner.close();

  /** Totals since the last reset, slowest first; names inside a transaction are indented. */
  report(): Record<string, QueryTime> {
    return Object.fromEntries(
      [...this.times]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([name, t]) => [
          name.trim(),
          {
            calls: t.calls,
            ms: Math.round(t.ms),
            ...(this.serverCpu ? { neo4jCpuMs: Math.round(t.cpu * 1000) } : {}),
          },
        ]),
    );
  }

  reset(): void {
    this.times.clear();
  }
}
