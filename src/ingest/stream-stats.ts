import { RateMeter } from './rate-meter.js';
import type { StreamState, StreamStatus } from './stream-status.js';

/** The mutable counters behind a runner's `status()`. */
export class StreamStats {
  state: StreamState = 'stopped';
  written = 0;
  rejected = 0;
  lastWriteAt: number | null = null;
  failures = 0;
  lastError: string | null = null;
  lag: number | null = null;
  secondsBehind: number | null = null;
  leaseHolder: string | null = null;
  partitions: readonly number[] | null = null;
  private readonly meter = new RateMeter();

  constructor(readonly name: string) {}

  /** A batch reached the graph and its position was committed. */
  wrote(records: number, rejected = 0): void {
    this.written += records;
    this.rejected += rejected;
    this.meter.add(records);
    this.lastWriteAt = Date.now();
    this.failures = 0;
    this.state = 'running';
  }

  failed(error: unknown): void {
    this.failures += 1;
    this.lastError = error instanceof Error ? error.message : String(error);
    this.state = 'retrying';
  }

  snapshot(): StreamStatus {
    return {
      name: this.name,
      state: this.state,
      written: this.written,
      perSecond: this.meter.perSecond(),
      rejected: this.rejected,
      lastWriteAt: this.lastWriteAt,
      failures: this.failures,
      lastError: this.lastError,
      lag: this.lag,
      secondsBehind: this.secondsBehind,
      leaseHolder: this.leaseHolder,
      partitions: this.partitions,
    };
  }
}
