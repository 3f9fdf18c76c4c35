/**
 * Runs one list query for many concurrent callers. A call goes to the database at once while
 * fewer than `maxInFlight` queries are running; otherwise it waits, and when a query returns,
 * every call waiting by then goes out together in one query (up to `maxKeys` keys). At low load
 * nothing waits; under load the batches grow by themselves, so a thousand concurrent lookups
 * cost a few transactions instead of a thousand. No timer: coalescing never adds latency.
 *
 * `query` must answer one row per key, in the order of the keys it was given.
 */
export class Coalescer<Row> {
  private readonly waiting: Waiting<Row>[] = [];
  private inFlight = 0;

  constructor(
    private readonly query: (keys: string[]) => Promise<Row[]>,
    private readonly opts: { readonly maxInFlight: number; readonly maxKeys: number },
  ) {}

  /** One row per key, in order, as `query` would answer them. */
  lookup(keys: readonly string[]): Promise<Row[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return new Promise<Row[]>((resolve, reject) => {
      this.waiting.push({ keys, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      this.send(batch).finally(() => {
        this.inFlight--;
        this.dispatch();
      });
    }
  }

  /** The oldest waiting calls, as many as fit in `maxKeys` (always at least one). */
  private takeBatch(): Waiting<Row>[] {
    let keys = 0;
    let n = 0;
    while (n < this.waiting.length) {
      const size = (this.waiting[n] as Waiting<Row>).keys.length;
      if (n > 0 && keys + size > this.opts.maxKeys) break;
      keys += size;
      n++;
    }
    return this.waiting.splice(0, n);
  }

  private async send(batch: readonly Waiting<Row>[]): Promise<void> {
    const keys = batch.flatMap((w) => w.keys);
    let rows: Row[];
    try {
      rows = await this.query(keys);
      if (rows.length !== keys.length)
        throw new Error(`coalesced query answered ${rows.length} rows for ${keys.length} keys`);
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    let at = 0;
    for (const w of batch) {
      w.resolve(rows.slice(at, at + w.keys.length));
      at += w.keys.length;
    }
  }
}

interface Waiting<Row> {
  readonly keys: readonly string[];
  readonly resolve: (rows: Row[]) => void;
  readonly reject: (error: unknown) => void;
}
