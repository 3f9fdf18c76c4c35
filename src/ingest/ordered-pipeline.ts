/**
 * Stores batches up to `width` at a time and commits them one at a time, in the order they
 * were submitted: a batch's commit runs once its own store and every earlier batch's commit
 * have succeeded. After a failure no later commit runs, `onError` hears the first failure,
 * and nothing more is started: what was stored and not committed is redelivered, which
 * at-least-once sources with idempotent stores allow.
 */
export class OrderedPipeline {
  private tail: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  private failure: unknown;
  private failed = false;

  constructor(
    private readonly width: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Batches started and not yet committed or failed. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Waits for a free slot, then starts `store`; `commit` follows in submission order.
   * Resolves once the store is started; never rejects (failures go to `onError`).
   */
  async submit(store: () => Promise<void>, commit: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.width) await Promise.race(this.running);
    if (this.failed) return;
    const stored = Promise.resolve().then(store);
    const done = Promise.all([this.tail, stored]).then(() => commit());
    const settled = done.then(
      () => undefined,
      (error: unknown) => {
        if (!this.failed) {
          this.failed = true;
          this.failure = error;
          this.onError(error);
        }
      },
    );
    this.tail = done;
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  /** Resolves when every submitted batch is committed or has failed. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /** The first failure, if any. */
  get error(): unknown {
    return this.failure;
  }
}
