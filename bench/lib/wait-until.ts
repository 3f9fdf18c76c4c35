/** How long a condition took to hold, polled at a fixed interval. */
export interface WaitOutcome {
  /** From `since` to the first poll that saw the condition hold (or to giving up). */
  readonly ms: number;
  /** Reads made, the last one included. */
  readonly polls: number;
  readonly timedOut: boolean;
}

export interface WaitOptions {
  /** Pause between the end of one read and the start of the next. */
  readonly everyMs: number;
  /** Gives up when this long has passed since `since`. */
  readonly timeoutMs: number;
  /** The start of the clock (performance.now()); the first read is made at once. */
  readonly since: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Reads until `holds(value)` or the timeout: the visibility lag of a write seen through
 * another process. A read that throws ends the wait with that error.
 */
export async function waitUntil<T>(
  read: () => Promise<T>,
  holds: (value: T) => boolean,
  { everyMs, timeoutMs, since, now = () => performance.now(), sleep = pause }: WaitOptions,
): Promise<WaitOutcome> {
  for (let polls = 1; ; polls++) {
    const value = await read();
    const ms = now() - since;
    if (holds(value)) return { ms, polls, timedOut: false };
    if (ms >= timeoutMs) return { ms, polls, timedOut: true };
    await sleep(everyMs);
  }
}
