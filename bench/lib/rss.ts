/** Samples this process's resident set size every `everyMs` and keeps the peak. */
export class RssSampler {
  private peak = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 100) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  /** Peak so far in MiB (takes a last sample). */
  peakMiB(): number {
    this.sample();
    return Math.round(this.peak / 2 ** 20);
  }

  /** Restarts the peak from the current RSS. */
  reset(): void {
    this.peak = process.memoryUsage.rss();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export const rssMiB = (): number => Math.round(process.memoryUsage.rss() / 2 ** 20);
