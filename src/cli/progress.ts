import type { LoadProgress } from '../ingest/load-progress.js';

/** Where a progress line goes: stderr, or a fake in tests. */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Fewest milliseconds between two redraws on a terminal (at most ~10 a second). */
export const REDRAW_MS = 100;

/**
 * Seconds left, extrapolated from the share of the input read so far at the rate seen so
 * far; undefined before there is a rate to go by (nothing read, or no time elapsed).
 */
export function etaSeconds(bytesRead: number, bytesTotal: number, elapsedMs: number) {
  if (bytesRead <= 0 || elapsedMs <= 0 || bytesTotal <= 0) return undefined;
  const left = Math.max(bytesTotal - bytesRead, 0);
  return ((elapsedMs / 1000) * left) / bytesRead;
}

/** A duration as m:ss, or h:mm:ss from an hour on. */
export function clock(seconds: number): string {
  const s = Math.max(Math.round(seconds), 0);
  const [h, m, r] = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

/**
 * One progress line: `name: 412,000 rows, 398,117 written, 0 rejected, 61,020 rows/s,
 * 38 %, 0:07 elapsed, ETA 0:11 (phase)`.
 */
export function formatProgress(name: string, p: LoadProgress, elapsedMs: number): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const rate = elapsedMs > 0 ? (p.rows * 1000) / elapsedMs : 0;
  const share = p.bytesTotal > 0 ? Math.min(p.bytesRead / p.bytesTotal, 1) : 0;
  const eta = etaSeconds(p.bytesRead, p.bytesTotal, elapsedMs);
  const parts = [
    `${n(p.rows)} rows`,
    `${n(p.loaded)} written`,
    `${n(p.rejected)} rejected`,
    `${n(rate)} rows/s`,
    `${Math.floor(share * 100)} %`,
    `${clock(elapsedMs / 1000)} elapsed`,
    `ETA ${eta === undefined ? '?' : clock(eta)}`,
  ];
  return `${name}: ${parts.join(', ')}${p.phase ? ` (${p.phase})` : ''}`;
}

/**
 * A progress line rewritten in place on a terminal, at most every REDRAW_MS; nothing at all
 * when `out` is not a terminal (a pipe or a file gets only the command's result).
 */
export class ProgressLine {
  private readonly started: number;
  private drawn = -Infinity;
  private last: LoadProgress | undefined;

  constructor(
    private readonly name: string,
    private readonly out: ProgressOutput,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  readonly update = (p: LoadProgress): void => {
    this.last = p;
    const now = this.now();
    if (now - this.drawn >= REDRAW_MS) this.draw(now);
  };

  /** Draws the latest state and ends the line (when anything was reported). */
  done(): void {
    if (!this.last || !this.out.isTTY) return;
    this.draw(this.now());
    this.out.write('\n');
  }

  private draw(now: number): void {
    if (!this.last || !this.out.isTTY) return;
    this.drawn = now;
    // \r back to the start of the line, ESC[K clears what a longer earlier line left behind
    this.out.write(`\r${formatProgress(this.name, this.last, now - this.started)}\x1b[K`);
  }
}
