type Log = (message: string, error?: unknown) => void;

/**
 * What one command opened, closed last-opened-first on every way out: a finished run, a
 * failed start, a stop signal. Closing aborts `signal` first, so a local server still
 * starting gives up instead of being launched after its stop.
 */
export class Scope {
  private readonly closers: { readonly name: string; readonly close: () => unknown }[] = [];
  private readonly aborter = new AbortController();
  private closing: Promise<void> | undefined;

  constructor(private readonly log: Log) {}

  /** Aborted once closing begins. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  /**
   * Registers how to close `name`. When the scope is already closing, closes it at once and
   * rejects with the abort reason, so the start-up that opened it stops there.
   */
  async defer(name: string, close: () => unknown): Promise<void> {
    if (this.closing === undefined) {
      this.closers.push({ name, close });
      return;
    }
    await this.closeOne({ name, close });
    this.signal.throwIfAborted();
  }

  /** Closes everything registered; a failure is logged and the rest still closes. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    this.aborter.abort(new Error('Stopped before start-up finished.'));
    for (let closer = this.closers.pop(); closer; closer = this.closers.pop())
      await this.closeOne(closer);
  }

  private async closeOne(closer: { readonly name: string; readonly close: () => unknown }) {
    try {
      await closer.close();
    } catch (error) {
      this.log(`Closing ${closer.name} failed`, error);
    }
  }
}
