import { setTimeout as sleep } from 'node:timers/promises';

/** Exponential back-off with jitter: 0.5 s, 1 s, 2 s, ... up to `maxMs`. */
export function backoffDelay(attempt: number, maxMs: number): number {
  const base = Math.min(maxMs, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Waits `ms`, or less when `signal` aborts. Never rejects. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
