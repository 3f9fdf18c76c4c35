import { max, median, percentile, ratio, round } from './stats.js';

/** One unit of load; throws (or rejects) when the answer is wrong. `i` counts requests. */
export type Request = (i: number) => Promise<void>;

export interface Sample {
  readonly latenciesMs: number[];
  readonly errors: number;
  readonly firstError: string | undefined;
  readonly wallMs: number;
}

export interface LoadSummary {
  readonly requests: number;
  readonly errors: number;
  readonly firstError?: string;
  /** Successful requests per second over all measured rounds. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Throughput and p99 of each measured round, to show the noise. */
  readonly roundThroughputs: number[];
  readonly roundP99Ms: number[];
}

/** Keeps `concurrency` requests in flight for `durationMs`, timing each one. */
export async function runLoad(
  request: Request,
  concurrency: number,
  durationMs: number,
): Promise<Sample> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await request(i);
        latenciesMs.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latenciesMs, errors, firstError, wallMs: performance.now() - started };
}

export function summarize(samples: readonly Sample[]): LoadSummary {
  const latencies = samples.flatMap((s) => s.latenciesMs);
  const wallMs = samples.reduce((t, s) => t + s.wallMs, 0);
  const errors = samples.reduce((t, s) => t + s.errors, 0);
  const firstError = samples.find((s) => s.firstError !== undefined)?.firstError;
  return {
    requests: latencies.length,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
    throughput: Math.round((latencies.length / wallMs) * 1000),
    p50Ms: round(median(latencies)),
    p90Ms: round(percentile(latencies, 0.9)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(max(latencies)),
    roundThroughputs: samples.map((s) => Math.round((s.latenciesMs.length / s.wallMs) * 1000)),
    roundP99Ms: samples.map((s) => round(percentile(s.latenciesMs, 0.99))),
  };
}

export interface CompareOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly log?: (message: string) => void;
}

/**
 * Runs workloads against each other in the same process: a warm-up of each, then `rounds`
 * rounds in which each workload runs `roundMs` in turn (the order alternates between rounds),
 * so drifting background load hits all of them alike.
 */
export async function compareWorkloads<K extends string>(
  workloads: Readonly<Record<K, Request>>,
  opts: CompareOptions,
): Promise<Record<K, LoadSummary>> {
  const names = Object.keys(workloads) as K[];
  const samples = new Map<K, Sample[]>(names.map((n) => [n, []]));
  for (const name of names) {
    const warm = await runLoad(workloads[name], opts.concurrency, opts.warmupMs);
    opts.log?.(
      `warm-up ${name}: ${warm.latenciesMs.length} requests, ${warm.errors} errors${warm.firstError ? ` (${warm.firstError})` : ''}`,
    );
  }
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const sample = await runLoad(workloads[name], opts.concurrency, opts.roundMs);
      samples.get(name)?.push(sample);
      opts.log?.(
        `round ${round + 1} ${name}: ${Math.round((sample.latenciesMs.length / sample.wallMs) * 1000)}/s, p50 ${round2(median(sample.latenciesMs))} ms`,
      );
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples.get(n) ?? [])])) as Record<
    K,
    LoadSummary
  >;
}

const round2 = (x: number) => round(x, 2);

/** p50 and throughput of `a` relative to `b`. */
export function relative(
  a: LoadSummary,
  b: LoadSummary,
): { p50Ratio: number | null; p99Ratio: number | null; throughputRatio: number | null } {
  return {
    p50Ratio: ratio(a.p50Ms, b.p50Ms),
    p99Ratio: ratio(a.p99Ms, b.p99Ms),
    throughputRatio: ratio(a.throughput, b.throughput),
  };
}
