/**
 * Two processes on one graph (issue 16): `npm run bench -- replica [--keep] [--persons 1000000]
 * [--samples 30] [--warmup 3] [--poll-ms 15] [--timeout 60] [--idle 60] [--lookup-seconds 20]`.
 *
 * This process is replica A: the app in-process, writing purchases with the normal event
 * writer. Replica B is `oneid serve` in its own process on the same Neo4j, as deployed.
 * (a) an empty-graph B: RSS after start and after a few audience counts, then stopped;
 * (b) --persons synthetic persons (two identifiers and a purchase day each, so RFM and tags),
 *     bitmaps built and stored by A, then B started on them;
 * (c) after (e) and (f): lag: per sample A commits one purchase of a new customer above the High Value threshold
 *     (t0 = writeEvents resolved) and B's GraphQL `audience(expression: "High Value")` count
 *     is polled every --poll-ms until it shows it (capped at --timeout s); p50 / p99 after
 *     --warmup samples, and the timeouts;
 * (d) RSS of B and Neo4j after B's start, after (f) and after the lag warm-up; B's peak;
 * (e) idle, right after B's start (B is current): nothing written for --idle s; CPU seconds of B and of Neo4j (/proc/PID/stat),
 *     B's Bolt and HTTP traffic (/proc/PID/io) and any `oneid_neo4j_*` / `oneid_feed_*`
 *     counters B exposes at /metrics (none today: a change feed may add its sequence);
 * (f) per-core read capacity: `resolveId` of existing synthetic identifiers, then `audience`
 *     counts, each at concurrency 16 after a 10 s warm-up, with the CPU seconds of B and of
 *     Neo4j over the measured --lookup-seconds: CPU ms per request and requests/s per core.
 * Nothing here depends on how B learns of A's writes: today a 5 s poll and a full rebuild.
 * Prints one JSON object; progress on stderr. Runs on its own Neo4j ("bench", Bolt 47687).
 */
import { processCpuSeconds } from './lib/cpu.js';
import { getText, graphql } from './lib/http.js';
import { runLoad, summarize, type Request } from './lib/load.js';
import { progress } from './lib/log.js';
import { lagFigures, purchaseLag } from './lib/purchase-lag.js';
import { API_KEYS, AS_OF, type BenchEnvironment } from './lib/neo4j.js';
import { processMemoryMiB } from './lib/process-memory.js';
import { ioDelta, processIo } from './lib/process-io.js';
import { metricSums } from './lib/prometheus-text.js';
import { runBench } from './lib/run.js';
import { startServiceProcess } from './lib/service-process.js';
import { median, round } from './lib/stats.js';
import { waitUntil } from './lib/wait-until.js';

const TAG = 'High Value';
const EXPRESSION = `"${TAG}"`;
const COUNT_QUERY = 'query($e: String!) { audience(expression: $e) { count } }';
/** Counters a replica may expose about its Neo4j traffic or a change feed it follows. */
const FEED_METRICS = /^oneid_(neo4j|feed|change|sequence)/;
const CHUNK = 20_000;

type Replica = Awaited<ReturnType<typeof startServiceProcess>>;

runBench(async (env, args) => {
  const persons = args.number('persons', 1_000_000);
  const lagOpts = {
    samples: args.number('samples', 30),
    warmup: args.number('warmup', 3),
    everyMs: args.number('poll-ms', 15),
    timeoutMs: args.number('timeout', 60) * 1000,
  };
  const idleSeconds = args.number('idle', 60);
  const neo4jPid = env.local.status().pid;

  const emptyGraph = await emptyReplica(env, neo4jPid);
  const setup = await createGraph(env, persons);
  const replica = await startReplica(env);
  try {
    const afterStart = memory(replica.pid, neo4jPid);
    // idle and reads first, on a replica that is current: after the lag stage's writes a
    // replica may still be catching up (today's at 1M: rebuilds piled up for minutes)
    const idle = await idleStage(replica, neo4jPid, idleSeconds);
    const reads = await readStage(replica, neo4jPid, persons, args.number('lookup-seconds', 20));
    const afterReads = memory(replica.pid, neo4jPid);
    const lag = await lagStage(env, replica, lagOpts, () => memory(replica.pid, neo4jPid));
    const replicaMiB = lag.memoryAfterWarmup.replicaRssMiB;
    return {
      bench: 'replica',
      persons,
      identifiers: 2 * persons,
      asOf: AS_OF,
      setup,
      lag: lag.summary,
      memory: {
        emptyGraph,
        afterStart,
        afterReads,
        afterWarmup: lag.memoryAfterWarmup,
        replicaPeakRssMiB: processMemoryMiB(replica.pid, 'VmHWM'),
        neo4jPeakRssMiB: processMemoryMiB(neo4jPid, 'VmHWM'),
        /** (RSS after the warm-up - empty-graph RSS after its warm-up) / persons. */
        replicaBytesPerPerson: Math.round(
          ((replicaMiB - emptyGraph.afterWarmup.replicaRssMiB) * 2 ** 20) / persons,
        ),
      },
      idle,
      reads,
    };
  } finally {
    await replica.close();
  }
});

function startReplica(env: BenchEnvironment): Promise<Replica> {
  return startServiceProcess(
    { uri: env.local.status().boltUri, password: env.local.password() },
    // a log line per request would be most of what B does while it is polled
    { ...env.serviceEnv, ONEID_LOG_LEVEL: 'warn' },
  );
}

function memory(replicaPid: number, neo4jPid: number | undefined) {
  return {
    replicaRssMiB: processMemoryMiB(replicaPid, 'VmRSS'),
    neo4jRssMiB: processMemoryMiB(neo4jPid, 'VmRSS'),
  };
}

async function count(url: string): Promise<number> {
  const data = await graphql<{ audience: { count: number } }>(url, API_KEYS.reader, COUNT_QUERY, {
    e: EXPRESSION,
  });
  return data.audience.count;
}

/** B on the empty graph: the fixed cost of a replica, to subtract from the loaded one. */
async function emptyReplica(env: BenchEnvironment, neo4jPid: number | undefined) {
  const replica = await startReplica(env);
  try {
    const afterStart = memory(replica.pid, neo4jPid);
    // the tag list: the seeded saved segments are listed, each with no member
    for (let i = 0; i < 50; i++) {
      const data = await graphql<{ segments: { tag: string; count: number }[] }>(
        replica.url,
        API_KEYS.reader,
        '{ segments { tag count } }',
      );
      if (data.segments.some((s) => s.count !== 0)) throw new Error('the graph is not empty');
    }
    const afterWarmup = memory(replica.pid, neo4jPid);
    progress(`empty-graph replica: ${JSON.stringify({ afterStart, afterWarmup })}`);
    return { afterStart, afterWarmup };
  } finally {
    await replica.close();
  }
}

async function createGraph(env: BenchEnvironment, persons: number) {
  let t0 = performance.now();
  for (let from = 1; from <= persons; from += CHUNK) {
    await env.raw.writeQuery('bench/create-synthetic-persons', {
      from,
      to: Math.min(persons, from + CHUNK - 1),
    });
    if ((from - 1) % (10 * CHUNK) === 0) progress(`created ${from - 1} persons`);
  }
  await env.raw.writeQuery('identity/allocate-pids', { n: persons });
  const createSeconds = (performance.now() - t0) / 1000;
  progress(`created ${persons} persons in ${round(createSeconds, 1)} s`);
  t0 = performance.now();
  // the persons were written directly (no summary generation bump): rebuilt, not loaded
  await env.app.segments.rebuild(); // replica A builds and stores the bitmaps B starts from
  await env.app.segments.init();
  const bitmapsMs = performance.now() - t0;
  progress(`replica A's bitmaps built and stored in ${Math.round(bitmapsMs)} ms`);
  return { createSeconds: round(createSeconds, 1), bitmapBuildMs: Math.round(bitmapsMs) };
}

async function lagStage(
  env: BenchEnvironment,
  replica: Replica,
  opts: { samples: number; warmup: number; everyMs: number; timeoutMs: number },
  snapshot: () => ReturnType<typeof memory>,
) {
  const { app } = env;
  const expectedBefore = await app.audiences.count(EXPRESSION, AS_OF);
  const seen = await count(replica.url);
  if (seen !== expectedBefore)
    throw new Error(`replica B counts ${seen} in "${TAG}", A ${expectedBefore}`);
  progress(`"${TAG}": ${expectedBefore} persons on both replicas`);

  let memoryAfterWarmup = snapshot();
  const replicaCpu0 = processCpuSeconds(replica.pid);
  const samples = await purchaseLag(
    app,
    'bench-replica',
    () => count(replica.url),
    expectedBefore,
    { ...opts, phaseMs: 1000 },
    (n, outcome) => {
      const label = n < opts.warmup ? 'warm-up' : 'sample';
      progress(
        `${label} ${n + 1}: ${Math.round(outcome.ms)} ms, ${outcome.polls} polls${outcome.timedOut ? ' (timed out)' : ''}`,
      );
      if (n === opts.warmup - 1) memoryAfterWarmup = snapshot();
    },
  );
  const { lagMs, polls, expected } = samples;
  const replicaCpuSeconds = processCpuSeconds(replica.pid) - replicaCpu0;
  // the idle window should start from a replica that has caught up: waited for, not required
  const settled = await waitUntil(
    () => count(replica.url),
    (c) => c >= expected,
    { everyMs: 100, timeoutMs: opts.timeoutMs, since: performance.now() },
  );
  progress(`replica B ${settled.timedOut ? 'never caught up' : 'caught up'}`);
  return {
    memoryAfterWarmup,
    summary: {
      tag: TAG,
      samples: opts.samples,
      warmup: opts.warmup,
      pollEveryMs: opts.everyMs,
      timeoutMs: opts.timeoutMs,
      ...lagFigures(samples),
      minMs: round(Math.min(...lagMs), 1),
      pollsPerSample: round(median(polls), 1),
      /** B's CPU over the warm-up and the samples: what following A's writes cost it. */
      replicaCpuSeconds: round(replicaCpuSeconds, 1),
      /** Whether B showed every write within --timeout after the last sample. */
      caughtUpAfterSamples: !settled.timedOut,
      runsMs: lagMs.map((ms) => Math.round(ms)),
    },
  };
}

/** Nothing written for `seconds`: what following the graph costs B and Neo4j. */
async function idleStage(replica: Replica, neo4jPid: number | undefined, seconds: number) {
  await new Promise((r) => setTimeout(r, 6000)); // past B's first segment check
  const metricsBefore = metricSums(await getText(`${replica.url}/metrics`), FEED_METRICS);
  const io0 = processIo(replica.pid);
  const replicaCpu0 = processCpuSeconds(replica.pid);
  const neo4jCpu0 = processCpuSeconds(neo4jPid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const replicaCpu = processCpuSeconds(replica.pid) - replicaCpu0;
  const neo4jCpu = processCpuSeconds(neo4jPid) - neo4jCpu0;
  const io = ioDelta(io0, processIo(replica.pid));
  const metricsAfter = metricSums(await getText(`${replica.url}/metrics`), FEED_METRICS);
  const counters = Object.fromEntries(
    Object.entries(metricsAfter).map(([name, v]) => [name, v - (metricsBefore[name] ?? 0)]),
  );
  return {
    seconds,
    replicaCpuSeconds: round(replicaCpu, 2),
    neo4jCpuSeconds: round(neo4jCpu, 2),
    /** Bolt and HTTP bytes through B's system calls (the /metrics scrape after the window excluded). */
    replicaIo: io,
    /** Increase of B's oneid_neo4j_* / oneid_feed_* counters; empty when it exposes none. */
    replicaCounters: counters,
  };
}

const RESOLVE =
  'mutation($type: String!, $value: String!) { resolveId(type: $type, value: $value) { oneId } }';
const PAD = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

/** The mobile hash and OneID cypher/bench/create-synthetic-persons.cypher gives person `pid`. */
function syntheticMobile(pid: number): { value: string; oneId: string } {
  return {
    value: `a${pid}${PAD}`.slice(0, 64),
    oneId: `OID${String(pid).padStart(10, '0')}`,
  };
}

/** Requests on B alone, one workload at a time, so B's and Neo4j's CPU belong to it. */
async function readStage(
  replica: Replica,
  neo4jPid: number | undefined,
  persons: number,
  seconds: number,
) {
  const concurrency = 16;
  const workloads: Record<string, Request> = {
    resolveId: async (i) => {
      const id = syntheticMobile(1 + ((i * 7919) % persons));
      const data = await graphql<{ resolveId: { oneId: string } }>(
        replica.url,
        API_KEYS.service,
        RESOLVE,
        { type: 'mobile_hash', value: id.value },
      );
      if (data.resolveId.oneId !== id.oneId)
        throw new Error(`resolveId gave ${data.resolveId.oneId}, expected ${id.oneId}`);
    },
    audienceCount: async () => {
      await count(replica.url);
    },
  };
  const out: Record<string, unknown> = { concurrency, seconds };
  for (const [name, request] of Object.entries(workloads)) {
    await runLoad(request, concurrency, 10_000);
    const replica0 = processCpuSeconds(replica.pid);
    const neo4j0 = processCpuSeconds(neo4jPid);
    const load = summarize([await runLoad(request, concurrency, seconds * 1000)]);
    const replicaMs = ((processCpuSeconds(replica.pid) - replica0) * 1000) / load.requests;
    const neo4jMs = ((processCpuSeconds(neo4jPid) - neo4j0) * 1000) / load.requests;
    progress(`(f) ${name}: ${load.throughput}/s, B ${round(replicaMs, 3)} CPU ms per request`);
    out[name] = {
      throughput: load.throughput,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      errors: load.errors,
      replicaCpuMsPerRequest: round(replicaMs, 3),
      neo4jCpuMsPerRequest: round(neo4jMs, 3),
      perReplicaCore: Math.round(1000 / replicaMs),
      perNeo4jCore: neo4jMs > 0 ? Math.round(1000 / neo4jMs) : null,
    };
  }
  return out;
}
