import type { Gateway, Tx } from '../../src/neo4j/gateway.js';

export interface QueryTime {
  readonly calls: number;
  readonly ms: number;
}

/**
 * A Gateway that forwards to `inner` and adds up the wall time spent per named query and
 * per transaction label, to see where a load spends its time in Neo4j.
 */
export class TimedGateway implements Gateway {
  private readonly times = new Map<string, { calls: number; ms: number }>();

  constructor(private readonly inner: Gateway) {}

  get driver() {
    return this.inner.driver;
  }

  get database() {
    return this.inner.database;
  }

  private async timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const entry = this.times.get(name) ?? { calls: 0, ms: 0 };
      entry.calls += 1;
      entry.ms += performance.now() - started;
      this.times.set(name, entry);
    }
  }

  private wrap(tx: Tx): Tx {
    return { run: (name, params) => this.timed(`  ${name}`, () => tx.run(name, params)) };
  }

  readQuery: Gateway['readQuery'] = (name, params) => this.timed(`read ${name}`, () => this.inner.readQuery(name, params));
  writeQuery: Gateway['writeQuery'] = (name, params) => this.timed(`write ${name}`, () => this.inner.writeQuery(name, params));
  writeTransaction: Gateway['writeTransaction'] = (work, label) =>
    this.timed(`tx ${label}`, () => this.inner.writeTransaction((tx) => work(this.wrap(tx)), label));
  readTransaction: Gateway['readTransaction'] = (work, label) =>
    this.timed(`tx ${label}`, () => this.inner.readTransaction((tx) => work(this.wrap(tx)), label));
  ping = () => this.inner.ping();
  close = () => this.inner.close();

  /** Totals since the last reset, slowest first; names inside a transaction are indented. */
  report(): Record<string, QueryTime> {
    return Object.fromEntries(
      [...this.times].sort((a, b) => b[1].ms - a[1].ms).map(([name, t]) => [name.trim(), { calls: t.calls, ms: Math.round(t.ms) }]),
    );
  }

  reset(): void {
    this.times.clear();
  }
}
