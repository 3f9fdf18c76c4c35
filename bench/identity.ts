/**
 * Identity resolution (issues 4 and 15): `npm run bench -- identity [--identifiers 1000000]
 * [--batch 10000] [--only bulk|incremental] [--bulk-batch 10000] [--no-lookup]
 * [--concurrency 32] [--warmup 10] [--rounds 5] [--seconds 3] [--in-process] [--keep]`.
 *
 * The same synthetic graph (about 6 identifiers and 5 links a person, see
 * lib/synthetic-identity.ts) is loaded by both identity paths, each on a wiped graph, in
 * this run: incremental first, then bulk (`--only` runs one of them). After each:
 * (a) incremental: link ingest through app.identity.ingest in batches: first a probe that
 *     alternates 2,000 / 5,000 / 10,000 links a batch on the same graph, then the rest at
 *     --batch; links/s and identifiers/s, and where the time goes per Neo4j query;
 *     bulk: the same ingest with identity deferred (`IdentityService.defer`) at --bulk-batch
 *     links a batch, then one resolve pass (`resolveDeferred`): seconds per phase, links/s
 *     end to end, CPU of this process and of Neo4j, peak RSS of both, store size on disk;
 * (b) resolveId of existing identifiers over HTTP (service key) at concurrency 32, alternated
 *     with the raw neo4j-driver lookup (executeRead, one session per call) at the same
 *     concurrency; every answer is checked against the expected OneID. The service runs as
 *     `oneid serve` in its own process, as deployed (`--in-process`: in this one, sharing the
 *     load generator's event loop). Each workload first warms up for --warmup seconds: right
 *     after the bulk ingest Neo4j and both processes are still warming (a 2 s warm-up left
 *     the first measured round about 20 % slower than the later ones);
 * (c) one 10,000-row POST /functions/call_id_graph (Snowflake body), median of 5, next to the
 *     same UNWIND lookup through the gateway.
 * (b) and (c) run on each loaded graph (`--no-lookup` skips them, e.g. for a 10M point).
 * Prints one JSON object; progress on stderr. Runs on its own Neo4j ("bench", Bolt 47687).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { resolveDeferred } from '../src/identity/bulk/resolve-deferred.js';
import type { BenchEnvironment } from './lib/neo4j.js';
import { API_KEYS } from './lib/neo4j.js';
import { cpuMeter } from './lib/cpu.js';
import { graphql, postJson } from './lib/http.js';
import { compareWorkloads, relative } from './lib/load.js';
import { progress } from './lib/log.js';
import { diskMiB, processMemoryMiB, ProcessRssSampler } from './lib/process-memory.js';
import { runBench } from './lib/run.js';
import { RssSampler } from './lib/rss.js';
import { startServer } from './lib/server.js';
import { startServiceProcess } from './lib/service-process.js';
import { median, ratio, round } from './lib/stats.js';
import { syntheticBatches, syntheticPerson } from './lib/synthetic-identity.js';

const TARGETS = {
  lookupP50OverDriverMax: 3,
  lookupP99MsMax: 20,
  call10kSecondsMax: 0.5,
  bulkLinksPerSecondMin: 40_000,
  bulkServiceRssMiBMax: 3 * 1024,
};
const PROBE_SIZES = [2_000, 5_000, 10_000];
const PROBE_LINKS_PER_TURN = 20_000;
const LOOKUP_SAMPLE = 5_000;
const CALL_ROWS = 10_000;

runBench(async (env, args) => {
  const total = args.number('identifiers', 1_000_000);
  const only = args.string('only', 'both');
  if (!['both', 'bulk', 'incremental'].includes(only))
    throw new Error(`--only must be bulk or incremental, got "${only}"`);
  const paths = only === 'both' ? ['incremental', 'bulk'] : [only];
  const lookupOpts = {
    concurrency: args.number('concurrency', 32),
    rounds: args.number('rounds', 5),
    roundMs: args.number('seconds', 3) * 1000,
    warmupMs: args.number('warmup', 10) * 1000,
  };
  const inProcess = args.has('in-process');
  const out: Record<string, unknown> = {
    bench: 'identity',
    service: inProcess ? 'in this process' : 'oneid serve, its own process',
  };
  for (const [n, path] of paths.entries()) {
    if (n > 0) await wipe(env);
    const ingest =
      path === 'bulk'
        ? await bulkStage(env, total, args.number('bulk-batch', 10_000))
        : await ingestStage(env, total, args.number('batch', 10_000));
    const result: Record<string, unknown> = { ingest };
    if (!args.has('no-lookup')) {
      const server = inProcess
        ? // on the plain gateway: the per-query CPU timing of (a) reads /proc on every query,
          // which a lookup of a millisecond would feel
          await startServer(createApp(env.config, env.raw))
        : await startServiceProcess(
            { uri: env.local.status().boltUri, password: env.local.password() },
            env.serviceEnv,
          );
      try {
        const lookup = await lookupStage(env, server.url, ingest.persons, lookupOpts);
        const call = await callStage(env, server.url, ingest.persons);
        Object.assign(result, {
          lookup,
          call,
          met: {
            lookupP50:
              lookup.resolveIdOverDriver.p50Ratio !== null &&
              lookup.resolveIdOverDriver.p50Ratio <= TARGETS.lookupP50OverDriverMax,
            lookupP99: lookup.resolveIdHttp.p99Ms < TARGETS.lookupP99MsMax,
            call10k: call.httpMs.median / 1000 < TARGETS.call10kSecondsMax,
          },
        });
      } finally {
        await server.close();
      }
    }
    out[path] = result;
  }
  const inc = out.incremental as { ingest: { linksPerSecond: number } } | undefined;
  const bulk = out.bulk as { ingest: { linksPerSecond: number; seconds: number } } | undefined;
  if (inc && bulk)
    out.bulkOverIncremental = ratio(bulk.ingest.linksPerSecond, inc.ingest.linksPerSecond);
  out.targets = TARGETS;
  return out;
});

async function wipe(env: BenchEnvironment): Promise<void> {
  const started = performance.now();
  const session = env.raw.driver.session({ database: env.raw.database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  await env.app.rfm.feed.restart();
  progress(`wiped the bench database in ${Math.round(performance.now() - started)} ms`);
}

/**
 * The bulk path: every batch through app.identity.ingest with identity deferred, then one
 * resolve pass. Wall time is the whole of it.
 */
async function bulkStage(env: BenchEnvironment, total: number, batchSize: number) {
  const { app } = env;
  env.timed.reset();
  const cpu = cpuMeter(env.local.status().pid);
  const rss = new RssSampler();
  const neo4jRss = new ProcessRssSampler(env.local.status().pid);
  const started = performance.now();
  const deferred = app.identity.defer();
  const tally = { links: 0, identifiers: 0, persons: 0 };
  let logged = 0;
  for (const batch of syntheticBatches(0, total, batchSize)) {
    await app.identity.ingest(batch, 'bench');
    tally.links += batch.links.length;
    tally.identifiers += batch.identifierCount;
    tally.persons += batch.persons;
    if (tally.identifiers - logged >= 500_000) {
      logged = tally.identifiers;
      const s = (performance.now() - started) / 1000;
      progress(
        `(a) bulk write: ${tally.identifiers} identifiers, ${Math.round(tally.links / s)} links/s`,
      );
    }
  }
  const writeMs = performance.now() - started;
  progress(`(a) bulk write done in ${Math.round(writeMs)} ms; resolving`);
  // this process's RSS and V8 heap in use as each resolve phase starts
  const memoryMiB = () => {
    const m = process.memoryUsage();
    return { rss: Math.round(m.rss / 2 ** 20), heapUsed: Math.round(m.heapUsed / 2 ** 20) };
  };
  const phaseStartMiB: Record<string, { rss: number; heapUsed: number }> = {};
  const resolved = await resolveDeferred(app.identity, deferred, {
    reason: 'bench',
    onPhase: (phase, done) => {
      if (done !== undefined) return;
      phaseStartMiB[phase] = memoryMiB();
      progress(`(a) bulk ${phase}`);
    },
  });
  phaseStartMiB.end = memoryMiB();
  const wallMs = performance.now() - started;
  const neo4jMs = env.timed.report();
  const [counts] = await env.raw
    .readQuery<{ persons: number; identifiers: number }>('identity/stats')
    .catch(() => [undefined]);
  const home = env.local.home;
  const result = {
    ...tally,
    seconds: round(wallMs / 1000, 1),
    linksPerSecond: Math.round(tally.links / (wallMs / 1000)),
    identifiersPerSecond: Math.round(tally.identifiers / (wallMs / 1000)),
    ...cpu(),
    batchLinks: batchSize,
    phaseSeconds: {
      write: round(writeMs / 1000, 1),
      ...Object.fromEntries(
        Object.entries(resolved.ms).map(([phase, ms]) => [phase, round(ms / 1000, 1)]),
      ),
    },
    resolve: { mode: resolved.mode, persons: resolved.persons, conflicts: resolved.conflicts },
    peakRssMiB: {
      service: rss.peakMiB(),
      neo4j: neo4jRss.peakMiB(),
      serviceSinceStart: processMemoryMiB(process.pid, 'VmHWM'),
    },
    phaseStartMiB,
    neo4jPeakRssSinceStartMiB: processMemoryMiB(env.local.status().pid, 'VmHWM'),
    // the store files; the transaction logs apart (they keep earlier runs' too)
    diskMiB: {
      store: diskMiB([join(home, 'data', 'databases', 'neo4j')]),
      transactionLogs: diskMiB([join(home, 'data', 'transactions', 'neo4j')]),
    },
    graph: counts ?? null,
    neo4jMs,
  };
  rss.stop();
  neo4jRss.stop();
  return result;
}

interface Tally {
  links: number;
  identifiers: number;
  persons: number;
  ms: number;
}

async function ingestStage(env: BenchEnvironment, total: number, batchSize: number) {
  const { app } = env;
  let next = 0;
  let produced = 0;
  const run = async (identifiers: number, linksPerBatch: number, tally: Tally) => {
    for (const batch of syntheticBatches(next, identifiers, linksPerBatch)) {
      const started = performance.now();
      await app.identity.ingest(batch, 'bench');
      tally.ms += performance.now() - started;
      tally.links += batch.links.length;
      tally.identifiers += batch.identifierCount;
      tally.persons += batch.persons;
      produced += batch.identifierCount;
      next = batch.next;
    }
  };
  const rate = (t: Tally) => ({
    ...t,
    ms: Math.round(t.ms),
    linksPerSecond: Math.round(t.links / (t.ms / 1000)),
    identifiersPerSecond: Math.round(t.identifiers / (t.ms / 1000)),
  });

  env.timed.reset();
  const cpu = cpuMeter(env.local.status().pid);
  const started = performance.now();
  // Probe: the batch sizes take turns on the same growing graph, twice each, order reversed.
  const probe = new Map<number, Tally>(
    PROBE_SIZES.map((s) => [s, { links: 0, identifiers: 0, persons: 0, ms: 0 }]),
  );
  const probeIdentifiers = Math.round(PROBE_LINKS_PER_TURN * 1.2);
  if (total >= probeIdentifiers * PROBE_SIZES.length * 2 * 3) {
    for (const order of [PROBE_SIZES, [...PROBE_SIZES].reverse()]) {
      for (const size of order) {
        await run(probeIdentifiers, size, probe.get(size) as Tally);
        progress(
          `(a) probe ${size} links/batch: ${rate(probe.get(size) as Tally).linksPerSecond} links/s so far`,
        );
      }
    }
  }
  const main: Tally = { links: 0, identifiers: 0, persons: 0, ms: 0 };
  let logged = produced;
  while (produced < total) {
    await run(Math.min(total - produced, 50_000), batchSize, main);
    if (produced - logged >= 100_000 || produced >= total) {
      logged = produced;
      progress(
        `(a) ${produced} identifiers, ${rate(main).linksPerSecond} links/s at ${batchSize} links/batch`,
      );
    }
  }
  const wallMs = performance.now() - started;
  const neo4jMs = env.timed.report();
  const [counts] = await env.raw
    .readQuery<{ persons: number; identifiers: number }>('identity/stats')
    .catch(() => [undefined]);
  const all: Tally = { links: 0, identifiers: 0, persons: 0, ms: 0 };
  for (const t of [...probe.values(), main]) {
    all.links += t.links;
    all.identifiers += t.identifiers;
    all.persons += t.persons;
    all.ms += t.ms;
  }
  return {
    identifiers: all.identifiers,
    links: all.links,
    persons: all.persons,
    seconds: round(wallMs / 1000, 1),
    linksPerSecond: Math.round(all.links / (wallMs / 1000)),
    identifiersPerSecond: Math.round(all.identifiers / (wallMs / 1000)),
    ...cpu(),
    batchLinks: batchSize,
    main: rate(main),
    probe: Object.fromEntries([...probe].map(([size, t]) => [String(size), rate(t)])),
    graph: counts ?? null,
    neo4jMs,
  };
}

/** Identifiers of persons spread over the whole graph, with their OneIDs read by the raw driver. */
async function sampleIdentifiers(env: BenchEnvironment, persons: number, count: number) {
  const refs = Array.from({ length: count }, (_, i) => {
    const p = syntheticPerson(Math.floor((i * persons) / count));
    return p.identifiers[i % p.identifiers.length] as { type: string; value: string };
  });
  const rows = await env.raw.readQuery<{ oneId: string | null }>('identity/resolve-keys', {
    keys: refs.map((r) => `${r.type}:${r.value}`),
  });
  return refs.map((ref, i) => {
    const oneId = rows[i]?.oneId;
    if (!oneId) throw new Error(`sample identifier ${ref.type}:${ref.value} has no person`);
    return { ...ref, key: `${ref.type}:${ref.value}`, oneId };
  });
}

const RESOLVE =
  'mutation($type: String!, $value: String!) { resolveId(type: $type, value: $value) { oneId } }';
const RAW_LOOKUP =
  'MATCH (:Identifier {key: $key})-[:BELONGS_TO]->(p:Person) RETURN p.oneId AS oneId';

async function lookupStage(
  env: BenchEnvironment,
  url: string,
  persons: number,
  opts: { concurrency: number; rounds: number; roundMs: number; warmupMs: number },
) {
  const sample = await sampleIdentifiers(env, persons, LOOKUP_SAMPLE);
  const pick = (i: number) => sample[(i * 7919) % sample.length] as (typeof sample)[number];
  const driver = env.raw.driver;
  const { resolveIdHttp, rawDriver } = await compareWorkloads(
    {
      resolveIdHttp: async (i) => {
        const id = pick(i);
        const data = await graphql<{ resolveId: { oneId: string } }>(
          url,
          API_KEYS.service,
          RESOLVE,
          { type: id.type, value: id.value },
        );
        if (data.resolveId.oneId !== id.oneId)
          throw new Error(`resolveId ${id.key}: ${data.resolveId.oneId}, expected ${id.oneId}`);
      },
      rawDriver: async (i) => {
        const id = pick(i);
        const session = driver.session({ database: env.raw.database, defaultAccessMode: 'READ' });
        try {
          const result = await session.executeRead((tx) => tx.run(RAW_LOOKUP, { key: id.key }));
          if (result.records[0]?.get('oneId') !== id.oneId)
            throw new Error(`raw lookup ${id.key}: wrong OneID`);
        } finally {
          await session.close();
        }
      },
    },
    {
      concurrency: opts.concurrency,
      warmupMs: opts.warmupMs,
      rounds: opts.rounds,
      roundMs: opts.roundMs,
      log: (m) => progress(`(b) ${m}`),
    },
  );
  return {
    concurrency: opts.concurrency,
    warmupSeconds: opts.warmupMs / 1000,
    rounds: opts.rounds,
    roundSeconds: opts.roundMs / 1000,
    sampled: sample.length,
    resolveIdHttp,
    rawDriver,
    resolveIdOverDriver: relative(resolveIdHttp, rawDriver),
  };
}

async function callStage(env: BenchEnvironment, url: string, persons: number) {
  const rows = Array.from({ length: CALL_ROWS }, (_, i) => {
    const n = Math.floor((i * persons) / CALL_ROWS);
    return [i, `bu_${n}`, 'union_id'] as const;
  });
  const keys = rows.map(([, value, type]) => `${type}:${value}`);
  const httpMs: number[] = [];
  const gatewayMs: number[] = [];
  let nulls = 0;
  for (let i = 0; i < 5; i++) {
    let started = performance.now();
    const body = (await postJson(`${url}/functions/call_id_graph`, API_KEYS.service, {
      data: rows,
    })) as { data: [number, string | null][] };
    httpMs.push(performance.now() - started);
    if (body.data.length !== CALL_ROWS || body.data.some(([row], j) => row !== j))
      throw new Error('call_id_graph: rows out of order or missing');
    nulls = body.data.filter(([, oneId]) => oneId === null).length;
    started = performance.now();
    await env.raw.readQuery('identity/resolve-keys', { keys });
    gatewayMs.push(performance.now() - started);
  }
  progress(`(c) call_id_graph ${CALL_ROWS} rows: ${httpMs.map(Math.round).join(', ')} ms`);
  return {
    rows: CALL_ROWS,
    unknown: nulls,
    httpMs: { median: Math.round(median(httpMs)), runs: httpMs.map(Math.round) },
    gatewayResolveKeysMs: {
      median: Math.round(median(gatewayMs)),
      runs: gatewayMs.map(Math.round),
    },
    httpOverGateway: ratio(median(httpMs), median(gatewayMs)),
  };
}
