import { logLine } from '../log/logger.js';
import type { StreamRunner, StreamStatus } from './stream-status.js';
import { StreamStats } from './stream-stats.js';
import { supervise } from './supervisor.js';

/**
 * A stream runner whose `session` (one connection to the source, reading until it fails or
 * the signal aborts) is restarted by the supervisor with back-off, never skipping data.
 */
export abstract class SupervisedStream implements StreamRunner {
  protected readonly stats: StreamStats;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly maxBackoffMs: number,
    protected readonly log: (line: string) => void = logLine,
  ) {
    this.stats = new StreamStats(name);
  }

  protected abstract session(signal: AbortSignal): Promise<void>;

  start(): void {
    if (this.running) return;
    const abort = (this.abort = new AbortController());
    this.running = supervise((signal) => this.session(signal), {
      signal: abort.signal,
      stats: this.stats,
      maxBackoffMs: this.maxBackoffMs,
      log: this.log,
    });
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    await this.running;
    this.running = undefined;
  }

  status(): StreamStatus {
    return this.stats.snapshot();
  }
}
