import { describe, expect, it } from 'vitest';
import {
  clock,
  etaSeconds,
  formatProgress,
  ProgressLine,
  REDRAW_MS,
} from '../../../src/cli/progress.js';
import type { LoadProgress } from '../../../src/ingest/load-progress.js';

const at = (rows: number, bytesRead: number, phase?: string): LoadProgress => ({
  rows,
  loaded: rows - 10,
  rejected: 2,
  bytesRead,
  bytesTotal: 1000,
  ...(phase === undefined ? {} : { phase }),
});

describe('etaSeconds', () => {
  it('extrapolates the time left from the share of the input read', () => {
    expect(etaSeconds(250, 1000, 10_000)).toBe(30);
    expect(etaSeconds(1000, 1000, 10_000)).toBe(0);
  });

  it('is unknown before anything was read or any time passed', () => {
    expect(etaSeconds(0, 1000, 10_000)).toBeUndefined();
    expect(etaSeconds(100, 1000, 0)).toBeUndefined();
    expect(etaSeconds(100, 0, 1000)).toBeUndefined();
  });

  it('never goes below zero when a reader overshoots the size', () => {
    expect(etaSeconds(1200, 1000, 10_000)).toBe(0);
  });
});

describe('clock', () => {
  it('shows m:ss, and h:mm:ss from an hour on', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(7.4)).toBe('0:07');
    expect(clock(61)).toBe('1:01');
    expect(clock(3600 + 5 * 60 + 9)).toBe('1:05:09');
  });
});

describe('formatProgress', () => {
  it('shows rows, written, rejected, rows/s, share, elapsed and ETA', () => {
    expect(formatProgress('f.csv.gz', at(412_000, 400), 8000)).toBe(
      'f.csv.gz: 412,000 rows, 411,990 written, 2 rejected, 51,500 rows/s, 40 %, 0:08 elapsed, ETA 0:12',
    );
  });

  it('names the phase when there is one, and an unknown ETA as ?', () => {
    expect(formatProgress('f', at(0, 0, 'write'), 0)).toBe(
      'f: 0 rows, -10 written, 2 rejected, 0 rows/s, 0 %, 0:00 elapsed, ETA ? (write)',
    );
  });
});

function fakeOutput(isTTY: boolean) {
  const written: string[] = [];
  return { written, out: { isTTY, write: (text: string) => written.push(text) } };
}

describe('ProgressLine', () => {
  it('on a terminal rewrites one line in place, at most every REDRAW_MS, and ends it', () => {
    let now = 0;
    const { written, out } = fakeOutput(true);
    const line = new ProgressLine('f', out, () => now);
    line.update(at(10, 10));
    now += REDRAW_MS / 2;
    line.update(at(20, 20)); // too soon: not drawn
    now += REDRAW_MS;
    line.update(at(30, 30));
    line.done();
    expect(written).toHaveLength(4);
    expect(written.slice(0, 3).every((w) => w.startsWith('\r') && w.endsWith('\x1b[K'))).toBe(true);
    expect(written[0]).toContain('10 rows');
    expect(written[1]).toContain('30 rows');
    expect(written[3]).toBe('\n');
  });

  it('writes nothing when the output is not a terminal', () => {
    const { written, out } = fakeOutput(false);
    const line = new ProgressLine('f', out, () => 0);
    line.update(at(10, 10));
    line.done();
    expect(written).toEqual([]);
  });

  it('writes nothing at all for a load that reported no progress', () => {
    const { written, out } = fakeOutput(true);
    new ProgressLine('f', out).done();
    expect(written).toEqual([]);
  });
});
