import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in MiB (VmRSS: now, VmHWM: the peak since start); NaN if unreadable. */
export function processMemoryMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return Number.NaN;
  }
}

/** Samples another process's RSS every `everyMs` and keeps the peak (MiB). */
export class ProcessRssSampler {
  private peak: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number | undefined,
    everyMs = 200,
  ) {
    this.peak = processMemoryMiB(pid, 'VmRSS');
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample(): void {
    const rss = processMemoryMiB(this.pid, 'VmRSS');
    if (rss > this.peak) this.peak = rss;
  }

  peakMiB(): number {
    this.sample();
    return this.peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Bytes on disk under the given directories (`du -sb`); those missing count 0. */
export function diskMiB(dirs: readonly string[]): number {
  const present = dirs.filter((d) => existsSync(d));
  if (present.length === 0) return 0;
  const out = execFileSync('du', ['-sbc', ...present], { encoding: 'utf8' });
  const total = Number(/(\d+)\s+total/.exec(out)?.[1] ?? 0);
  return Math.round(total / 2 ** 20);
}
