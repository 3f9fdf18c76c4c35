import type { StreamStatus } from './stream-status.js';

export interface StreamsReadiness {
  /** False when an enabled stream is not running (stopped, or retrying after a failure). */
  readonly ready: boolean;
  readonly streams: readonly {
    readonly name: string;
    readonly state: StreamStatus['state'];
    readonly lastWriteAt: string | null;
    readonly lastError: string | null;
  }[];
}

/**
 * Readiness of the running streams, for the HTTP readiness endpoint: not ready while a
 * stream is stopped or retrying. A stream still starting (snapshot, first connection)
 * counts as ready only once it has written once. A replica on standby for the binlog lease
 * is ready (it serves, another replica follows the binlog). This function does not throw.
 */
export function streamsReadiness(statuses: readonly StreamStatus[]): StreamsReadiness {
  const ready = statuses.every(
    (s) =>
      s.state === 'running' ||
      s.state === 'standby' ||
      (s.state === 'starting' && s.lastWriteAt !== null),
  );
  return {
    ready,
    streams: statuses.map((s) => ({
      name: s.name,
      state: s.state,
      lastWriteAt: s.lastWriteAt === null ? null : new Date(s.lastWriteAt).toISOString(),
      lastError: s.lastError,
    })),
  };
}

/**
 * Why the streams are not ready, or undefined when they are: the shape of a readiness check
 * of the HTTP server (`ServerOptions.readiness`). This function does not throw.
 */
export function streamsNotReadyReason(statuses: readonly StreamStatus[]): string | undefined {
  const { ready, streams } = streamsReadiness(statuses);
  if (ready) return undefined;
  return streams
    .filter((s) => s.state !== 'running' && s.state !== 'standby')
    .map((s) => `stream ${s.name} is ${s.state}${s.lastError ? ` (${s.lastError})` : ''}`)
    .join('; ');
}
