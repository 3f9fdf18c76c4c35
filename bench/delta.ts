/**
 * Issue 17 point 3: live audience packages and their deltas over a synthetic population.
 * - a live package of everyone with RFM over --persons synthetic persons, consenting to ads
 *   unless pid % 10 = 0; then the ads consent moves (pid % 10 = 0 now consents, pid % 10 = 1
 *   withdraws): version 2, a delta of ~100k entered and ~100k left per million persons;
 * - delta export: GET /audiences/ALL/delta?since=1&purpose=ads&format=csv, rows per second
 *   (median of the runs after a warm-up run), and the `audienceDelta` counts query;
 * - the cost of evaluating one live package per change: a purchase by a new customer is one
 *   feed change (a new member: a new version is written), then an evaluation with nothing
 *   changed (compared, nothing written); medians after --warmup samples.
 * Usage: npm run bench -- delta [--persons 1000000] [--samples 20] [--warmup 3] [--runs 5]
 */
import type { AppEvent } from '../src/events/app-event.js';
import { writeEvents } from '../src/events/event-writer.js';
import { audienceDelta } from '../src/segments/audience-delta.js';
import { deltaRows } from '../src/segments/delta-export.js';
import { countLines, graphql } from './lib/http.js';
import { progress } from './lib/log.js';
import { API_KEYS, AS_OF, type BenchEnvironment } from './lib/neo4j.js';
import { runBench } from './lib/run.js';
import { startServer } from './lib/server.js';
import { median, percentile, round } from './lib/stats.js';

const CHUNK = 20_000;
const EXPRESSION = 'ANY(channel_app, channel_miniapp, channel_online_retail)';

runBench(async (env, args) => {
  const persons = args.number('persons', 1_000_000);
  const samples = args.number('samples', 20);
  const warmup = args.number('warmup', 3);
  const runs = args.number('runs', 5);
  const { app } = env;

  let t0 = performance.now();
  for (let from = 1; from <= persons; from += CHUNK) {
    const to = Math.min(persons, from + CHUNK - 1);
    await env.raw.writeQuery('bench/create-synthetic-persons', { from, to });
    if ((from - 1) % (10 * CHUNK) === 0) progress(`created ${from - 1} persons`);
  }
  await env.raw.writeQuery('identity/allocate-pids', { n: persons });
  await setConsents(env, persons, [0]);
  const createSeconds = (performance.now() - t0) / 1000;
  progress(`created ${persons} persons in ${round(createSeconds, 1)} s`);

  await app.segments.init();
  await app.segments.rebuild();
  t0 = performance.now();
  const v1 = await app.packages.create({
    id: 'ALL',
    name: 'everyone',
    expression: EXPRESSION,
    asOf: AS_OF,
    replace: true,
    live: true,
  });
  const createPackageMs = performance.now() - t0;
  progress(`live package ALL: version ${v1.version}, ${v1.count} members`);

  // the consent moves: a tenth enters, a tenth leaves
  await setConsents(env, persons, [1]);
  await app.segments.rebuild();
  t0 = performance.now();
  const outcome = (await app.live.evaluateAll(['ALL'])).get('ALL');
  const bigChangeMs = performance.now() - t0;
  if (outcome !== 'written') throw new Error(`the consent change gave ${outcome}`);

  const server = await startServer(app);
  try {
    const query =
      '{ audienceDelta(id: "ALL", sinceVersion: 1, purpose: ADS) { fromVersion toVersion entered left leftOutWithoutConsent } }';
    const countMs: number[] = [];
    let counts: unknown;
    for (let i = 0; i < warmup + samples; i++) {
      const s = performance.now();
      counts = (await graphql<{ audienceDelta: unknown }>(server.url, API_KEYS.reader, query))
        .audienceDelta;
      if (i >= warmup) countMs.push(performance.now() - s);
    }
    progress(`delta counts: ${JSON.stringify(counts)}`);

    const exports: { seconds: number; rows: number }[] = [];
    for (let run = 0; run <= runs; run++) {
      const s = performance.now();
      const rows =
        (await countLines(
          `${server.url}/audiences/ALL/delta?since=1&purpose=ads&format=csv`,
          API_KEYS.reader,
        )) - 1; // header
      const seconds = (performance.now() - s) / 1000;
      progress(`delta export run ${run + 1}: ${rows} rows in ${round(seconds, 2)} s`);
      if (run > 0) exports.push({ seconds, rows }); // the first warms up (the RFM view)
    }
    const exportSeconds = median(exports.map((e) => e.seconds));
    const readPaths = await compareReadPaths(env, runs);

    const perChange = await perChangeCost(env, warmup, samples);
    return {
      bench: 'delta',
      persons,
      setup: {
        createSeconds: round(createSeconds, 1),
        createLivePackageMs: Math.round(createPackageMs),
        members: v1.count,
        /** Evaluating the package after the consent of 200k persons moved (version 2 written). */
        consentMoveEvaluationMs: Math.round(bigChangeMs),
      },
      deltaCounts: { ...(counts as object), medianMs: round(median(countMs), 1) },
      deltaExport: {
        format: 'csv',
        rows: exports[0]?.rows,
        medianSeconds: round(exportSeconds, 2),
        rowsPerSecond: Math.round((exports[0]?.rows ?? 0) / exportSeconds),
        runs: exports.map((e) => round(e.seconds, 2)),
        /** In process, no HTTP: the rows read by a seek each, by range scans, and by the default. */
        readPaths,
      },
      perChange,
    };
  } finally {
    await server.close();
  }
});

/** deltaRows in process, rows per second (median of `runs`) by each way of reading. */
async function compareReadPaths(env: BenchEnvironment, runs: number) {
  const { app } = env;
  const delta = await audienceDelta(app.db, 'ALL', 1, 'ads');
  const paths = { seeks: 2, rangeScans: 0, default: undefined } as const;
  const out: Record<string, number> = {};
  for (const [name, rangeDensity] of Object.entries(paths)) {
    const seconds: number[] = [];
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      const s = performance.now();
      rows = 0;
      const options = rangeDensity === undefined ? {} : { rangeDensity };
      for await (const chunk of deltaRows(app.db, app.rfm, delta, options)) rows += chunk.length;
      seconds.push((performance.now() - s) / 1000);
    }
    out[name] = Math.round(rows / median(seconds));
    progress(`delta rows in process, ${name}: ${out[name]} rows/s`);
  }
  return { rowsPerSecond: out };
}

async function setConsents(env: BenchEnvironment, persons: number, without: number[]) {
  for (let from = 1; from <= persons; from += CHUNK)
    await env.raw.writeQuery('bench/set-consents', {
      from,
      to: Math.min(persons, from + CHUNK - 1),
      without,
    });
}

/** A first purchase of a new customer in the app channel: one new member of ALL. */
function purchase(run: string, n: number): AppEvent {
  return {
    eventId: `bench-delta-${run}-${n}`,
    eventType: 'purchase',
    channel: 'app',
    platform: 'ios',
    pageName: null,
    sessionId: null,
    itemId: `ITEM${n}`,
    priceCents: 12_345,
    time: `${AS_OF.slice(0, 8)}01T12:00:00`,
    unionId: `bench_delta_${run}_${n}`,
    openId: null,
    deviceId: null,
  };
}

/**
 * Per feed change: the evaluation of the live package after it (the listener's work, run here
 * directly: new members, so a version is written), then an evaluation with nothing changed.
 */
async function perChangeCost(env: BenchEnvironment, warmup: number, samples: number) {
  const { app } = env;
  await app.live.stop(); // no coalesced evaluations beside the measured ones
  const run = String(Date.now());
  const confidence = app.config.identity.eventLinkConfidence;
  const written: number[] = [];
  const unchanged: number[] = [];
  const writes: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    let t0 = performance.now();
    await writeEvents(app.identity, [purchase(run, i)], confidence);
    const writeMs = performance.now() - t0;
    t0 = performance.now();
    const first = (await app.live.evaluateAll(['ALL'])).get('ALL');
    const writtenMs = performance.now() - t0;
    t0 = performance.now();
    const second = (await app.live.evaluateAll(['ALL'])).get('ALL');
    const unchangedMs = performance.now() - t0;
    if (first !== 'written' || second !== 'unchanged')
      throw new Error(`evaluations after a purchase: ${first}, then ${second}`);
    if (i < warmup) continue;
    writes.push(writeMs);
    written.push(writtenMs);
    unchanged.push(unchangedMs);
  }
  progress(
    `per change: written ${round(median(written), 1)} ms, unchanged ${round(median(unchanged), 1)} ms`,
  );
  return {
    samples,
    purchaseWriteMedianMs: round(median(writes), 1),
    evaluationWithNewVersion: {
      medianMs: round(median(written), 1),
      p90Ms: round(percentile(written, 0.9), 1),
    },
    evaluationUnchanged: {
      medianMs: round(median(unchanged), 1),
      p90Ms: round(percentile(unchanged, 0.9), 1),
    },
  };
}
