/**
 * Purchases and RFM on the whole Online Retail II (issue 5): `npm run bench -- rfm [--keep]
 * [--file PATH] [--incremental N] [--repeats N]`.
 *
 * (a) loads the file with loadFile('retail') (segment bitmaps initialized first, as `oneid
 *     load` and the service do): lines/s, seconds, peak RSS of this process (sampled every
 *     100 ms), where the time goes (wall time per Neo4j query, CPU seconds of this process and
 *     of Neo4j, a parse-only pass of the same file), then a second load (must add 0 lines);
 * (b) full RFM refresh (app.rfm.refreshAll) and DuckDB computing the same RFM from the same
 *     file, alternated, median of N each, ratio, and whether both agree;
 * (c) one new app purchase until its person's RFM shows it: writeEvents, then personRfm until
 *     it reflects the purchase; median and p90 over N events.
 * Experiments: --batch N (lines per load batch; default: loadFile's); --no-segments (no bitmaps
 * kept during the load); --defer-refresh (the load's identity service has no listener, so no
 * per-batch RFM refresh; one refreshAll at the end, counted in the load time); --only-load
 * (first load only).
 * Prints one JSON object; progress on stderr. Runs on its own Neo4j ("bench", Bolt 47687).
 */
import { writeEvents } from '../src/events/event-writer.js';
import type { AppEvent } from '../src/events/app-event.js';
import { loadFile } from '../src/ingest/load-file.js';
import { groupPurchases, readRetailLines } from '../src/purchases/index.js';
import type { App } from '../src/app.js';
import { IdentityService } from '../src/identity/identity-service.js';
import { RfmView } from '../src/rfm/rfm-view.js';
import type { PurchaseSummary } from '../src/rfm/summary.js';
import { cpuMeter } from './lib/cpu.js';
import { duckdbRfm, type RfmTotals } from './lib/duckdb-rfm.js';
import { progress } from './lib/log.js';
import { purchaseEvent } from './lib/purchase-event.js';
import { AS_OF, type BenchEnvironment } from './lib/neo4j.js';
import { RssSampler, rssMiB } from './lib/rss.js';
import { runBench } from './lib/run.js';
import { max, median, percentile, ratio, round } from './lib/stats.js';
import type { QueryTime } from './lib/timed-gateway.js';

const DEFAULT_FILE = '/work/shared/datasets/online-retail-ii/online_retail_II.csv.gz';
const TARGETS = { loadSecondsMax: 60, refreshOverDuckdbMax: 3, incrementalP50MsMax: 50 };

runBench(async (env, args) => {
  const file = args.string('file', DEFAULT_FILE);
  const repeats = args.number('repeats', 3);
  if (!args.has('no-segments')) await env.app.segments.init();
  const variant = {
    batchLines: args.optionalNumber('batch'),
    segments: !args.has('no-segments'),
    deferRefresh: args.has('defer-refresh'),
  };
  const load = await loadStage(env, file, variant, args.has('only-load'));
  if (args.has('only-load')) return { bench: 'rfm', file, variant, load };
  const refresh = await refreshStage(env.app, file, repeats);
  env.timed.reset();
  const incremental = {
    ...(await incrementalStage(env.app, args.number('incremental', 50))),
    neo4jMs: env.timed.report(),
  };
  return {
    bench: 'rfm',
    file,
    asOf: AS_OF,
    variant,
    load,
    refresh,
    incremental,
    targets: TARGETS,
    met: {
      load: load.first.seconds < TARGETS.loadSecondsMax,
      reloadAddsNothing: load.second?.added === 0,
      refresh: refresh.ratio !== null && refresh.ratio <= TARGETS.refreshOverDuckdbMax,
      agree: refresh.agree,
      incremental: incremental.p50Ms < TARGETS.incrementalP50MsMax,
    },
  };
});

async function loadStage(
  env: BenchEnvironment,
  file: string,
  variant: { batchLines: number | undefined; deferRefresh: boolean },
  onlyFirst: boolean,
) {
  const batchSize = variant.batchLines;
  // Without listeners, persons changed by the load get no RFM refresh until refreshAll.
  const identity = variant.deferRefresh
    ? new IdentityService(env.app.identity.db, env.app.identity.settings)
    : env.app.identity;
  const rss = new RssSampler(100);
  const once = async (label: string) => {
    env.timed.reset();
    rss.reset();
    const cpu = cpuMeter(env.local.status().pid);
    const batchMs: number[] = [];
    const started = performance.now();
    let last = started;
    let logged = 0;
    const summary = await loadFile(
      'retail',
      file,
      { identity, eventLinkConfidence: env.app.config.identity.eventLinkConfidence },
      {
        batchSize,
        onProgress: ({ rows }) => {
          const now = performance.now();
          batchMs.push(now - last);
          last = now;
          if (rows - logged >= 100_000) {
            logged = rows;
            progress(
              `${label}: ${rows} lines, ${Math.round(rows / ((now - started) / 1000))} lines/s, rss ${rssMiB()} MiB`,
            );
          }
        },
      },
    );
    const refreshAllMs = variant.deferRefresh
      ? (await env.app.rfm.refreshAll()).durationMs
      : undefined;
    const seconds = (performance.now() - started) / 1000;
    const neo4j = env.timed.report();
    return {
      rows: summary.rows,
      added: summary.loaded,
      rejected: summary.rejected.length,
      anonymous: summary.anonymous,
      duplicates: summary.duplicates,
      seconds: round(seconds, 2),
      ...(refreshAllMs === undefined ? {} : { refreshAllMs }),
      linesPerSecond: Math.round(summary.rows / seconds),
      peakRssMiB: rss.peakMiB(),
      ...cpu(),
      batchLines: batchSize ?? 'loadFile default',
      batches: batchMs.length,
      batchMs: {
        p50: round(median(batchMs), 1),
        p90: round(percentile(batchMs, 0.9), 1),
        max: round(Math.max(...batchMs), 1),
        first: round(batchMs[0] ?? 0, 1),
        last: round(batchMs.at(-1) ?? 0, 1),
      },
      neo4jMs: neo4j,
    };
  };
  progress('(a) first load of the whole file');
  const first = await once('load 1');
  progress(`(a) first load: ${first.seconds} s, ${first.linesPerSecond} lines/s`);
  if (onlyFirst) {
    rss.stop();
    return { first };
  }
  progress('(a) second load of the same file');
  const second = await once('load 2');
  progress('(a) parse-only pass (readRetailLines + groupPurchases, no database)');
  const parseOnly = await parsePass(file);
  rss.stop();
  const q = first.neo4jMs;
  return {
    first,
    second,
    parseOnly,
    /** The first load's wall time and Neo4j CPU, by part. */
    breakdown: {
      totalMs: Math.round(first.seconds * 1000),
      nodeCpuMs: Math.round(first.selfCpuSeconds * 1000),
      neo4jCpuMs: Math.round(first.neo4jCpuSeconds * 1000),
      parseOnlyMs: parseOnly.ms,
      retailWriteTx: sum(q, (n) => n === 'tx retail.write'),
      identityInTx: sum(q, (n) => n.startsWith('identity/')),
      upsertRetail: sum(q, (n) => n === 'purchases/upsert-retail'),
      rfmRefreshPerBatch: sum(
        q,
        (n) => n.endsWith('rfm/refresh-persons') || n.endsWith('rfm/load-summaries'),
      ),
      bitmapSave: sum(q, (n) => n.endsWith('segments/save-bitmaps')),
    },
  };
}

function sum(
  report: Record<string, QueryTime>,
  pick: (name: string) => boolean,
): { ms: number; neo4jCpuMs: number } {
  const out = { ms: 0, neo4jCpuMs: 0 };
  for (const [name, t] of Object.entries(report)) {
    if (!pick(name)) continue;
    out.ms += t.ms;
    out.neo4jCpuMs += t.neo4jCpuMs ?? 0;
  }
  return out;
}

async function parsePass(file: string) {
  const started = performance.now();
  let rows = 0;
  let records = 0;
  for await (const batch of groupPurchases(readRetailLines(file))) {
    rows += batch.counts.rows;
    records += batch.purchases.length;
  }
  const ms = Math.round(performance.now() - started);
  return { rows, records, ms, linesPerSecond: Math.round(rows / (ms / 1000)) };
}

async function appTotals(app: App): Promise<RfmTotals> {
  const view = await app.rfm.view(AS_OF);
  let monetaryCents = 0;
  let frequencySum = 0;
  let recencySum = 0;
  for (const e of view.entries.values()) {
    monetaryCents += e.rfm.monetaryCents;
    frequencySum += e.rfm.frequency;
    recencySum += e.rfm.recencyDays;
  }
  return { customers: view.entries.size, monetaryCents, frequencySum, recencySum };
}

async function refreshStage(app: App, file: string, repeats: number) {
  const appMs: number[] = [];
  const duckMs: number[] = [];
  let appResult: RfmTotals | undefined;
  let duckResult: RfmTotals | undefined;
  let persons = 0;
  for (let i = 0; i < repeats; i++) {
    const order = i % 2 === 0 ? ['app', 'duckdb'] : ['duckdb', 'app'];
    for (const who of order) {
      const started = performance.now();
      if (who === 'app') {
        const stats = await app.rfm.refreshAll();
        appResult = await appTotals(app);
        appMs.push(performance.now() - started);
        persons = stats.persons;
      } else {
        duckResult = await duckdbRfm(file, AS_OF);
        duckMs.push(performance.now() - started);
      }
      progress(`(b) ${who} run ${i + 1}: ${Math.round(performance.now() - started)} ms`);
    }
  }
  const agree =
    appResult !== undefined &&
    duckResult !== undefined &&
    (Object.keys(appResult) as (keyof RfmTotals)[]).every(
      (k) => appResult?.[k] === duckResult?.[k],
    );
  return {
    persons,
    appMs: { median: Math.round(median(appMs)), runs: appMs.map(Math.round) },
    duckdbMs: { median: Math.round(median(duckMs)), runs: duckMs.map(Math.round) },
    ratio: ratio(median(appMs), median(duckMs)),
    app: appResult,
    duckdb: duckResult,
    agree,
  };
}

function purchase(n: number, unionId: string): AppEvent {
  const day = new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return purchaseEvent(`bench-rfm-${unionId}-${n}`, unionId, {
    item: `ITEM${n}`,
    cents: 1000 + n,
    time: `${day}T12:00:00`,
  });
}

async function incrementalStage(app: App, count: number) {
  const unionId = `bench_union_${Date.now()}`;
  const confidence = app.config.identity.eventLinkConfidence;
  await writeEvents(app.identity, [purchase(0, unionId)], confidence);
  const [owner] = await app.db.readQuery<{ pid: number | null }>('identity/resolve-keys', {
    keys: [`union_id:${unionId}`],
  });
  const pid = owner?.pid;
  if (pid === null || pid === undefined) throw new Error('the first purchase created no person');
  let expected = await app.rfm.personRfm(pid, AS_OF);
  if (expected === null) throw new Error('the first purchase gave no RFM');
  const latencies: number[] = [];
  const writeMs: number[] = [];
  const readMs: number[] = [];
  let polls = 0;
  for (let n = 1; n <= count; n++) {
    const event = purchase(n, unionId);
    const want = {
      frequency: expected.rfm.frequency + 1,
      monetaryCents: expected.rfm.monetaryCents + (event.priceCents ?? 0),
    };
    const started = performance.now();
    await writeEvents(app.identity, [event], confidence);
    writeMs.push(performance.now() - started);
    for (;;) {
      const now = await app.rfm.personRfm(pid, AS_OF);
      polls++;
      if (
        now &&
        now.rfm.frequency === want.frequency &&
        now.rfm.monetaryCents === want.monetaryCents
      ) {
        expected = now;
        break;
      }
      if (performance.now() - started > 10_000)
        throw new Error(`purchase ${n} not reflected after 10 s`);
      await new Promise((r) => setTimeout(r, 1));
    }
    latencies.push(performance.now() - started);
    readMs.push((latencies.at(-1) as number) - (writeMs.at(-1) as number));
  }
  // A full view rebuild, for comparison: changes now update the cached view person by person.
  const summaries: PurchaseSummary[] = [];
  for await (const page of app.rfm.store.all()) summaries.push(...page);
  const rebuildMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    new RfmView(AS_OF, summaries, app.rfm.tagger);
    rebuildMs.push(performance.now() - started);
  }
  return {
    events: count,
    p50Ms: round(median(latencies), 2),
    p90Ms: round(percentile(latencies, 0.9), 2),
    maxMs: round(max(latencies), 2),
    pollsPerEvent: round(polls / count, 2),
    /** writeEvents alone (its transaction, then the RFM and bitmap refresh of the person). */
    writeEventsP50Ms: round(median(writeMs), 2),
    /** personRfm until it shows the purchase, after writeEvents returned. */
    personRfmP50Ms: round(median(readMs), 2),
    viewRebuild: { persons: summaries.length, medianMs: round(median(rebuildMs), 2) },
    finalRfm: expected.rfm,
  };
}
