import { backoffDelay, pause } from './backoff.js';
import type { StreamStats } from './stream-stats.js';

export interface SuperviseOptions {
  readonly signal: AbortSignal;
  readonly stats: StreamStats;
  readonly maxBackoffMs: number;
  readonly log: (line: string) => void;
}

/**
 * Runs `session` until `signal` aborts. A session reads from the position last committed
 * after a graph write and runs until it fails or the signal aborts; after a failure the
 * next session starts after a back-off delay, so no data is skipped. Never rejects.
 */
export async function supervise(
  session: (signal: AbortSignal) => Promise<void>,
  opts: SuperviseOptions,
): Promise<void> {
  const { signal, stats, log } = opts;
  while (!signal.aborted) {
    stats.state = 'starting';
    try {
      await session(signal);
    } catch (error) {
      if (signal.aborted) break;
      stats.failed(error);
      const delay = backoffDelay(stats.failures, opts.maxBackoffMs);
      log(
        `[${stats.name}] ${stats.lastError ?? 'failed'}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${stats.failures})`,
      );
      await pause(delay, signal);
    }
  }
  stats.state = 'stopped';
}
