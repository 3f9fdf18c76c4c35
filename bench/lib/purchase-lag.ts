import type { App } from '../../src/app.js';
import { writeEvents } from '../../src/events/event-writer.js';
import { AS_OF } from './neo4j.js';
import { max, median, percentile, round } from './stats.js';
import { purchaseEvent } from './purchase-event.js';
import { waitUntil } from './wait-until.js';

export interface LagOptions {
  readonly samples: number;
  readonly warmup: number;
  /** How often the count is polled, in ms. */
  readonly everyMs: number;
  readonly timeoutMs: number;
  /** Each write waits a random 0..phaseMs first, against whatever period the reader follows. */
  readonly phaseMs: number;
}

export interface LagSamples {
  /** From a purchase's commit until the count showed it, per sample that did not time out. */
  readonly lagMs: number[];
  /** How long each sample's write took. */
  readonly writeMs: number[];
  /** Polls of the count per sample. */
  readonly polls: number[];
  readonly timeouts: number;
  /** The count the last purchase should bring. */
  readonly expected: number;
}

/**
 * Purchase-to-count lag: per sample (after `warmup` unrecorded ones), `app` writes the first
 * purchase of a new customer above the High Value threshold (one more in that tag) with the
 * service's event writer, then `count` is polled until it reaches one more than before.
 * `named` labels the events and union ids; `onSample` sees each outcome (progress, memory).
 */
export async function purchaseLag(
  app: App,
  named: string,
  count: () => Promise<number>,
  expectedBefore: number,
  opts: LagOptions,
  onSample: (
    n: number,
    outcome: { ms: number; polls: number; timedOut: boolean },
  ) => void = () => {},
): Promise<LagSamples> {
  const run = `${named}-${Date.now()}`;
  const cents = Math.round(app.config.rfm.highValueThreshold * 100) + 1000;
  const confidence = app.config.identity.eventLinkConfidence;
  const lagMs: number[] = [];
  const writeMs: number[] = [];
  const polls: number[] = [];
  let expected = expectedBefore;
  let timeouts = 0;
  for (let n = 0; n < opts.warmup + opts.samples; n++) {
    await new Promise((r) => setTimeout(r, Math.random() * opts.phaseMs));
    const started = performance.now();
    const event = purchaseEvent(`${run}-${n}`, `${run.replaceAll('-', '_')}_${n}`, {
      item: `ITEM${n}`,
      cents,
      time: `${AS_OF.slice(0, 8)}01T12:00:00`,
    });
    const written = await writeEvents(app.identity, [event], confidence);
    if (written.created !== 1) throw new Error(`purchase ${n} stored ${written.created} events`);
    const since = performance.now();
    expected++;
    const outcome = await waitUntil(count, (c) => c >= expected, {
      everyMs: opts.everyMs,
      timeoutMs: opts.timeoutMs,
      since,
    });
    onSample(n, outcome);
    if (n < opts.warmup) continue;
    writeMs.push(since - started);
    polls.push(outcome.polls);
    if (outcome.timedOut) timeouts++;
    else lagMs.push(outcome.ms);
  }
  return { lagMs, writeMs, polls, timeouts, expected };
}

/** The figures both lag benches report of their samples (ms, rounded to 0.1). */
export function lagFigures({ lagMs, writeMs, timeouts }: LagSamples) {
  return {
    timeouts,
    p50Ms: round(median(lagMs), 1),
    p90Ms: round(percentile(lagMs, 0.9), 1),
    p99Ms: round(percentile(lagMs, 0.99), 1),
    maxMs: round(max(lagMs), 1),
    writeEventsP50Ms: round(median(writeMs), 1),
  };
}
