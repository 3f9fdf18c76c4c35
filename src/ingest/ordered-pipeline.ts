/**
 * Overlaps batch writes while keeping their acknowledgements in order: up to `depth` units of
 * work run at once, and the `finish` of a unit (committing its offsets, say) runs only after
 * its own work and every earlier unit's `finish` succeeded. After a failure no later `finish`
 * runs, so nothing is ever acknowledged past a batch that was not stored.
 */
export class OrderedPipeline {
  private tail: Promise<void> = Promise.resolve();
  private readonly inFlight: Promise<void>[] = [];

  constructor(private readonly depth: number) {
    if (!(depth >= 1)) throw new Error(`pipeline depth must be at least 1, got ${depth}`);
  }

  /**
   * Starts `work`, first waiting while `depth` units are in flight. Rejects with the first
   * failure of an earlier unit (the caller stops feeding the pipeline then).
   */
  async push<T>(work: () => Promise<T>, finish: (result: T) => Promise<void>): Promise<void> {
    while (this.inFlight.length >= this.depth) await this.inFlight.shift();
    const result = work();
    result.catch(() => undefined); // its failure surfaces through the tail, in order
    const done = this.tail.then(async () => finish(await result));
    done.catch(() => undefined);
    this.tail = done;
    this.inFlight.push(done);
  }

  /** Waits for every unit in flight; throws the first failure. */
  async drain(): Promise<void> {
    this.inFlight.length = 0;
    await this.tail;
  }

  /** Waits for every unit in flight to succeed or fail, without throwing. */
  async settle(): Promise<void> {
    await this.drain().catch(() => undefined);
  }
}
