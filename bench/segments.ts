/**
 * Saved segments on a synthetic population (issue 17): `npm run bench -- segments
 * [--persons 1000000] [--rounds 5] [--warmup 2] [--cold-rounds 3] [--change-persons 1000]
 * [--samples 20] [--poll-ms 15] [--timeout 60] [--keep]`.
 *
 * --persons synthetic persons (cypher/bench/create-synthetic-persons: a one-day purchase
 * summary each; set-synthetic-profiles: identifier types, and a member_id with a CRM profile
 * for three in five), bitmaps built and stored by this process (A), with the six saved
 * segments a graph starts with (the RFM group and High Value). Then, all through the service:
 * (1) time to first count of `savedSegments.define` of a rule segment, deleted again after
 *     each round: (a) cold, each round in a new app in this process that loaded the stored
 *     bitmaps and has no fact table (the define streams every summary from the graph first);
 *     (b) warm, in A, whose fact table was built with the bitmaps;
 * (2) preview, warm: `preview` of High Value 300 → 400 and `previewGroup` of the RFM group
 *     with At Risk 600 → 590;
 * (3) per-change cost: per round --change-persons random persons are recorded as changed in
 *     the feed (cypher/bench/record-change) and their summaries read by pid, untimed; then A's
 *     feed listeners apply them (`feed.committedChange`: every bitmap loses the persons, they
 *     enter the bitmaps of their tags as every segment's rule gives them), timed, divided by
 *     the persons; `registry.tagsOf` alone on the same summaries beside it. First with the
 *     six segments, then with 50 (29 rules, 10 expressions and 5 static lists added);
 * (4) end to end, after each (3): another process (`oneid serve`, B) on the same graph; per
 *     sample A writes a purchase of a new customer above the High Value threshold (normal
 *     event writer) and B's GraphQL `audience("High Value")` count is polled until it shows it;
 * (5) memory: A's RSS along the way, the fact table's bytes (FactTable.bytes: its typed
 *     columns) per person.
 * Prints one JSON object; progress on stderr. Runs on its own Neo4j ("bench").
 */
import { createApp, type App } from '../src/app.js';
import { rfmAsOf } from '../src/rfm/summary.js';
import { RFM_GROUP } from '../src/segments/definitions/segment-definition.js';
import { graphql } from './lib/http.js';
import { progress } from './lib/log.js';
import { lagFigures, purchaseLag } from './lib/purchase-lag.js';
import { API_KEYS, AS_OF, type BenchEnvironment } from './lib/neo4j.js';
import { processMemoryMiB } from './lib/process-memory.js';
import { RssSampler, rssMiB } from './lib/rss.js';
import { runBench } from './lib/run.js';
import { segmentMix } from './lib/segment-mix.js';
import { startServiceProcess } from './lib/service-process.js';
import { max, median, percentile, round } from './lib/stats.js';
import { waitUntil } from './lib/wait-until.js';

const CHUNK = 20_000;
const RULE = 'recencyDays <= 200 AND monetary >= 300';
const TAG = 'High Value';
const COUNT_QUERY = 'query($e: String!) { audience(expression: $e) { count } }';
const PAD = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

interface Timing {
  readonly rounds: number;
  readonly warmup: number;
}

runBench(async (env, args) => {
  const persons = args.number('persons', 1_000_000);
  const timing = { rounds: args.number('rounds', 5), warmup: args.number('warmup', 2) };
  const changePersons = args.number('change-persons', 1000);
  const lagOpts = {
    samples: args.number('samples', 20),
    warmup: 3,
    everyMs: args.number('poll-ms', 15),
    timeoutMs: args.number('timeout', 60) * 1000,
  };
  const { app } = env;
  const rss = new RssSampler();
  const memory: Record<string, number> = { startRssMiB: rssMiB() };

  const setup = await createGraph(env, persons);
  memory.afterBitmapsRssMiB = rssMiB();
  const table = await app.segments.facts();
  const factTable = {
    persons: table.size,
    bytes: table.bytes(),
    bytesPerPerson: round(table.bytes() / table.size, 1),
  };
  progress(`fact table: ${JSON.stringify(factTable)}`);

  const define = {
    rule: RULE,
    cold: await coldDefine(env, { rounds: args.number('cold-rounds', 3), warmup: 1 }),
    warm: await timeDefine(app, timing, 'warm'),
  };
  memory.afterDefineRssMiB = rssMiB();
  const preview = await previewStage(app, timing);

  const six = app.segments.registry.current.definitions.length;
  const perChange: Record<string, unknown> = {};
  const endToEnd: Record<string, unknown> = {};
  perChange[`segments${six}`] = await perChangeStage(app, persons, changePersons, timing);
  endToEnd[`segments${six}`] = await lagStage(env, lagOpts);

  const added = await defineMix(app, persons);
  const fifty = app.segments.registry.current.definitions.length;
  memory.afterMixRssMiB = rssMiB();
  perChange[`segments${fifty}`] = await perChangeStage(app, persons, changePersons, timing);
  endToEnd[`segments${fifty}`] = await lagStage(env, lagOpts);
  await app.segments.flush(); // before the driver closes (a pending store logged an error)
  memory.endRssMiB = rssMiB();
  memory.peakRssMiB = rss.peakMiB();
  rss.stop();

  return {
    bench: 'segments',
    persons,
    asOf: AS_OF,
    rounds: timing.rounds,
    warmup: timing.warmup,
    setup: { ...setup, mix: added },
    define,
    preview,
    perChange: { changePersons, ...perChange },
    endToEnd,
    memory: { ...memory, factTable },
  };
});

async function createGraph(env: BenchEnvironment, persons: number) {
  let t0 = performance.now();
  const now = new Date().toISOString();
  for (let from = 1; from <= persons; from += CHUNK) {
    const to = Math.min(persons, from + CHUNK - 1);
    await env.raw.writeQuery('bench/create-synthetic-persons', { from, to });
    await env.raw.writeQuery('bench/set-synthetic-profiles', { from, to, now });
    if ((from - 1) % (10 * CHUNK) === 0) progress(`created ${from - 1} persons`);
  }
  await env.raw.writeQuery('identity/allocate-pids', { n: persons });
  const createSeconds = (performance.now() - t0) / 1000;
  progress(`created ${persons} persons in ${round(createSeconds, 1)} s`);
  t0 = performance.now();
  // written directly (no summary generation bump): rebuilt (and stored), not loaded
  await env.app.segments.rebuild();
  await env.app.segments.init();
  const bitmapBuildMs = Math.round(performance.now() - t0);
  progress(`bitmaps built and stored in ${bitmapBuildMs} ms`);
  return { createSeconds: round(createSeconds, 1), bitmapBuildMs };
}

/** Median, p90 and the runs of a sample of milliseconds. */
function summary(ms: readonly number[]) {
  return {
    p50Ms: round(median(ms), 1),
    p90Ms: round(percentile(ms, 0.9), 1),
    maxMs: round(max(ms), 1),
    runsMs: ms.map((x) => round(x, 1)),
  };
}

/** Defines the rule segment in `app` and deletes it again, per round; times the definition. */
async function timeDefine(app: App, { rounds, warmup }: Timing, label: string) {
  const ms: number[] = [];
  let count = 0;
  for (let i = 0; i < warmup + rounds; i++) {
    const name = `Bench ${label} ${i + 1}`;
    const t0 = performance.now();
    const written = await app.savedSegments.define({ name, kind: 'rule', definition: RULE });
    const took = performance.now() - t0;
    count = written.value.count;
    await app.savedSegments.delete(name);
    progress(`define (${label}) ${i < warmup ? 'warm-up' : 'round'} ${i + 1}: ${round(took)} ms`);
    if (i >= warmup) ms.push(took);
  }
  return { count, ...summary(ms) };
}

/**
 * Each round in a fresh app on the same graph: it loads the stored bitmaps (checked: a
 * rebuild would have built the fact table), defines, deletes, stores its bitmaps (so that the
 * next app loads them at the current sequence, with nothing to replay) and is dropped.
 */
async function coldDefine(env: BenchEnvironment, { rounds, warmup }: Timing) {
  const ms: number[] = [];
  const loadMs: number[] = [];
  const tableBytes: number[] = [];
  let count = 0;
  for (let i = 0; i < warmup + rounds; i++) {
    const cold = createApp(env.config, env.timed);
    try {
      let t0 = performance.now();
      const outcome = await cold.segments.init();
      loadMs.push(performance.now() - t0);
      if (outcome.rebuilt || outcome.reason !== 'loaded stored bitmaps')
        throw new Error(`the cold app did not just load stored bitmaps: ${outcome.reason}`);
      const name = `Bench cold ${i + 1}`;
      t0 = performance.now();
      const written = await cold.savedSegments.define({ name, kind: 'rule', definition: RULE });
      const took = performance.now() - t0;
      count = written.value.count;
      tableBytes.push((await cold.segments.facts()).bytes());
      await cold.savedSegments.delete(name);
      await cold.segments.flush();
      progress(`define (cold) ${i < warmup ? 'warm-up' : 'round'} ${i + 1}: ${round(took)} ms`);
      if (i >= warmup) ms.push(took);
    } finally {
      cold.rfm.feed.stop();
    }
  }
  // A follows what the cold apps did (from its warm fact table)
  await env.app.rfm.feed.catchUp();
  return {
    count,
    ...summary(ms),
    loadStoredBitmapsP50Ms: round(median(loadMs), 1),
    factTableBytes: tableBytes[0],
  };
}

async function previewStage(app: App, { rounds, warmup }: Timing) {
  const defs = app.segments.registry.current;
  const rules = defs.group(RFM_GROUP).map((name) => {
    const d = defs.find(name);
    if (!d) throw new Error(`no segment ${name}`);
    return {
      name: d.name,
      definition:
        d.name === 'At Risk'
          ? d.definition.replace('recencyDays <= 600', 'recencyDays <= 590')
          : d.definition,
    };
  });
  if (!rules.some((r) => r.definition.includes('590')))
    throw new Error('At Risk is not "recencyDays <= 600"');
  const runs = async <T>(label: string, work: () => Promise<T>) => {
    const ms: number[] = [];
    let last: T | undefined;
    for (let i = 0; i < warmup + rounds; i++) {
      const t0 = performance.now();
      last = await work();
      const took = performance.now() - t0;
      progress(`${label} ${i < warmup ? 'warm-up' : 'round'} ${i + 1}: ${round(took)} ms`);
      if (i >= warmup) ms.push(took);
    }
    return { last: last as T, ...summary(ms) };
  };
  const one = await runs('previewSegment', () =>
    app.savedSegments.preview({ name: TAG, kind: 'rule', definition: 'monetary >= 400' }, 10),
  );
  const group = await runs('previewSegmentGroup', () =>
    app.savedSegments.previewGroup(RFM_GROUP, rules, 10),
  );
  const { last: p, ...segment } = one;
  const { last: g, ...rfmGroup } = group;
  return {
    segment: {
      change: `${TAG}: monetary >= 300 -> 400`,
      count: p.count,
      entered: p.entered,
      left: p.left,
      ...segment,
    },
    group: {
      change: 'At Risk: recencyDays <= 600 -> 590',
      moves: g.map((s) => ({ name: s.name, count: s.count, entered: s.entered, left: s.left })),
      ...rfmGroup,
    },
  };
}

/** `n` distinct pids of 1..persons, in a fixed pseudo-random order per round. */
function pidsOf(persons: number, n: number, round: number): number[] {
  const out = new Set<number>();
  let x = 2_654_435_761 * (round + 1);
  while (out.size < Math.min(n, persons)) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    out.add(1 + (x % persons));
  }
  return [...out];
}

async function perChangeStage(app: App, persons: number, n: number, timing: Timing) {
  const registry = app.segments.registry;
  const segments = registry.current.definitions.length;
  const applyMs: number[] = [];
  const tagsOfMs: number[] = [];
  for (let i = 0; i < timing.warmup + timing.rounds; i++) {
    await app.rfm.feed.catchUp();
    await app.segments.flush(); // no store of the last round's bitmaps inside this one
    const pids = pidsOf(persons, n, i);
    const [row] = await app.db.writeQuery<{ generation: number }>('bench/record-change', {
      pids,
      now: new Date().toISOString(),
    });
    const generation = row?.generation ?? 0;
    if (generation !== app.rfm.feed.sequence + 1)
      throw new Error(`feed at ${app.rfm.feed.sequence}, the change is ${generation}`);
    const fresh = await app.rfm.store.byPid(pids);
    let t0 = performance.now();
    await app.rfm.feed.committedChange({
      fresh,
      changed: pids,
      retired: [],
      generation,
      full: false,
    });
    const apply = performance.now() - t0;
    if (app.rfm.feed.sequence !== generation) throw new Error('the change was not applied');
    t0 = performance.now();
    let tags = 0;
    for (const s of fresh.values())
      tags += registry.tagsOf(s, rfmAsOf(s, AS_OF), AS_OF).tags.length;
    const tagsOf = performance.now() - t0;
    progress(
      `per change (${segments} segments) ${i < timing.warmup ? 'warm-up' : 'round'} ${i + 1}: apply ${round(apply)} ms, tagsOf ${round(tagsOf)} ms for ${fresh.size} persons, ${round(tags / fresh.size, 1)} tags each`,
    );
    if (i >= timing.warmup) {
      applyMs.push(apply / fresh.size);
      tagsOfMs.push(tagsOf / fresh.size);
    }
  }
  const us = (ms: readonly number[]) => ({
    p50Us: round(median(ms) * 1000, 2),
    p90Us: round(percentile(ms, 0.9) * 1000, 2),
    runsUs: ms.map((x) => round(x * 1000, 2)),
  });
  return { segments, applyPerPerson: us(applyMs), tagsOfPerPerson: us(tagsOfMs) };
}

/** 29 rules, 10 expressions and 5 static lists of 100 persons each: 50 with the six. */
async function defineMix(app: App, persons: number) {
  const mix = segmentMix({ rules: 29, expressions: 10, statics: 5 });
  const t0 = performance.now();
  for (const s of [...mix.rules, ...mix.statics]) await app.savedSegments.define(s);
  for (const [i, s] of mix.statics.entries()) {
    // addToSegment recomputes the listed persons' summaries from their purchases, which the
    // synthetic persons lack: these 500 persons lose their one-day purchase
    const identifiers = pidsOf(persons, 100, 1000 + i).map((pid) => ({
      type: 'mobile_hash',
      value: `a${pid}${PAD}`.slice(0, 64),
    }));
    await app.savedSegments.addIdentifiers(s.name, identifiers);
  }
  for (const s of mix.expressions) await app.savedSegments.define(s);
  const ms = Math.round(performance.now() - t0);
  const saved = await app.savedSegments.list();
  progress(
    `defined ${mix.rules.length + mix.statics.length + mix.expressions.length} segments in ${ms} ms`,
  );
  return {
    defineAllMs: ms,
    definitions: saved.map((s) => ({
      name: s.name,
      kind: s.kind,
      definition: s.definition,
      count: s.count,
    })),
  };
}

/** B started on the graph as it is now; lag of a purchase written by A until B counts it. */
async function lagStage(
  env: BenchEnvironment,
  opts: { samples: number; warmup: number; everyMs: number; timeoutMs: number },
) {
  const { app } = env;
  await app.segments.flush(); // B loads what A holds
  const t0 = performance.now();
  const replica = await startServiceProcess(
    { uri: env.local.status().boltUri, password: env.local.password() },
    { ...env.serviceEnv, ONEID_LOG_LEVEL: 'warn' },
  );
  try {
    const count = async () =>
      (
        await graphql<{ audience: { count: number } }>(replica.url, API_KEYS.reader, COUNT_QUERY, {
          e: JSON.stringify(TAG),
        })
      ).audience.count;
    const expected = await app.audiences.count(JSON.stringify(TAG), AS_OF);
    const first = await waitUntil(count, (c) => c === expected, {
      everyMs: 200,
      timeoutMs: 10 * opts.timeoutMs,
      since: t0,
    });
    if (first.timedOut) throw new Error(`B never counted ${expected} in "${TAG}"`);
    const startMs = Math.round(first.ms);
    progress(`B counts ${expected} in "${TAG}", ${startMs} ms after its start`);
    const samples = await purchaseLag(app, 'bench-segments', count, expected, {
      ...opts,
      phaseMs: 500,
    });
    const { lagMs } = samples;
    progress(`end to end: p50 ${round(median(lagMs))} ms over ${lagMs.length} samples`);
    return {
      tag: TAG,
      samples: opts.samples,
      pollEveryMs: opts.everyMs,
      ...lagFigures(samples),
      replicaStartToCountMs: startMs,
      replicaRssMiB: processMemoryMiB(replica.pid, 'VmRSS'),
      runsMs: lagMs.map((ms) => Math.round(ms)),
    };
  } finally {
    await replica.close();
  }
}
