/** Milliseconds since `started` (a `performance.now()`), to a tenth: a log line's `ms`. */
export function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
