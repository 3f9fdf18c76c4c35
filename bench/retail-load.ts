/**
 * The whole Online Retail II through `oneid load retail` (issue 15): `npm run bench --
 * retail-load [--runs N] [--paths baseline,current] [--batch N] [--parse-runs N]
 * [--warmup-lines N] [--no-reload] [--file PATH] [--keep]`. A path may name its batch size:
 * `--paths current:50000,current` (the current path has batches of 50k, 100k, then 200k lines).
 *
 * - parse only, side by side (alternating, median of --parse-runs, default 3): the baseline
 *   reader (csv-parse, one async step per row, groupPurchases) against readRetailBatches;
 * - loads on a clean graph each (wiped, schema applied, a fresh app with its segment bitmaps
 *   initialized, as `oneid load` runs): `current` is loadFile('retail'), the code path of the
 *   CLI; `baseline` is the load before issue 15 (csv-parse reader, no read-ahead, the Cypher
 *   that diffed every line, bench/support/retail-writer-baseline.ts). --runs of each (default
 *   3), the order alternating, after a warm-up load of the first --warmup-lines lines (default
 *   400,000) on each path. Per run: wall time with the bitmaps stored, rows/s, CPU seconds of
 *   this process and of Neo4j, time writing batches vs the rest (waiting for parsed batches,
 *   the load record), wall and Neo4j CPU per query, and the figures check: customers with RFM
 *   as of 2011-12-10 and their monetary total (5,881 and 16,351,022.94 for the whole file),
 *   purchases and lines in the graph;
 * - a re-load of the same file on the current path's last graph (must add 0 lines).
 * Prints one JSON object; progress on stderr. Runs on its own Neo4j ("bench", Bolt 47687).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createApp, type App } from '../src/app.js';
import type { BatchTimer } from '../src/ingest/batch-timer.js';
import { loadFile } from '../src/ingest/load-file.js';
import type { LoadSummary } from '../src/ingest/load-summary.js';
import { groupPurchases, readRetailBatches, readRetailLines } from '../src/purchases/index.js';
import { centsText } from '../src/rows/cents.js';
import { ReadMeter } from '../src/rows/read-meter.js';
import { cpuMeter } from './lib/cpu.js';
import { progress } from './lib/log.js';
import { resetDatabase, type BenchEnvironment } from './lib/neo4j.js';
import { runBench } from './lib/run.js';
import { median, ratio, round } from './lib/stats.js';
import { writeRetailPurchasesBaseline } from './support/retail-writer-baseline.js';

const DEFAULT_FILE = '/work/shared/datasets/online-retail-ii/online_retail_II.csv.gz';
const FIGURES_AS_OF = '2011-12-10';
const EXPECTED = { customersWithRfm: 5881, monetary: '16351022.94' };
const TARGET_SECONDS = 20;

type Path = 'baseline' | 'current';

interface Run {
  /** The path, with `:N` when it ran with batches of N lines (`--paths current,current:200000`). */
  readonly path: string;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly added: number;
  readonly selfCpuSeconds: number;
  readonly neo4jCpuSeconds: number;
  /** Time spent in batch writes (the retail transaction and its observers). */
  readonly writeSeconds: number;
  /** The rest: waiting for the next parsed batch, the load record, storing the bitmaps. */
  readonly otherSeconds: number;
  readonly flushSeconds: number;
  readonly figures: Figures;
  readonly neo4jMs: ReturnType<BenchEnvironment['timed']['report']>;
}

interface Figures {
  readonly customersWithRfm: number;
  readonly monetary: string;
  readonly purchases: number;
  readonly lines: number;
}

runBench(async (env, args) => {
  const file = args.string('file', DEFAULT_FILE);
  const runs = args.number('runs', 3);
  const paths = args.string('paths', 'baseline,current').split(',');
  const batchSize = args.optionalNumber('batch');
  const variants = new Map(paths.map((p) => [p, variant(p, batchSize)]));

  const parse = await parseStage(file, args.number('parse-runs', 3));

  const warmupLines = args.number('warmup-lines', 400_000);
  const slice = await sliceOf(file, warmupLines);
  // every path once, so that the first measured run does not pay for its queries' first use
  for (const kind of new Set([...variants.values()].map((v) => v.kind))) {
    progress(`warm-up: the first ${warmupLines} lines on the ${kind} path`);
    await load(env, kind, slice, batchSize);
  }
  rmSync(slice, { force: true });

  const results: Run[] = [];
  let reload: Awaited<ReturnType<typeof reloadStage>> | null = null;
  for (let i = 0; i < runs; i++) {
    for (const path of i % 2 === 0 ? paths : [...paths].reverse()) {
      const { kind, batch } = variants.get(path) ?? variant(path, batchSize);
      const run = await load(env, kind, file, batch);
      const result = { ...run.result, path };
      results.push(result);
      progress(
        `run ${i + 1} ${path}: ${result.seconds} s, ${result.rowsPerSecond} rows/s, Node ${result.selfCpuSeconds} s CPU, Neo4j ${result.neo4jCpuSeconds} s CPU`,
      );
      // on the graph the last current run built, before the next run wipes it
      if (kind === 'current' && i === runs - 1 && !reload && !args.has('no-reload'))
        reload = await reloadStage(env, run.app, file);
    }
  }

  const byPath = Object.fromEntries(
    paths.map((p) => [p, summarize(results.filter((r) => r.path === p))]),
  ) as Record<string, ReturnType<typeof summarize>>;
  const base = byPath.baseline?.medianSeconds;
  const current = byPath.current?.medianSeconds;
  return {
    bench: 'retail-load',
    file,
    batchLines: batchSize ?? 'loadFile default',
    parse,
    loads: byPath,
    currentOverBaseline: base && current ? ratio(current, base) : null,
    reload,
    runs: results,
    expected: EXPECTED,
    target: { seconds: TARGET_SECONDS },
    met: {
      figures: results.every(
        (r) =>
          r.figures.customersWithRfm === EXPECTED.customersWithRfm &&
          r.figures.monetary === EXPECTED.monetary,
      ),
      sameGraph: new Set(results.map((r) => JSON.stringify(r.figures))).size === 1,
      target: current !== undefined && current <= TARGET_SECONDS,
      reloadAddsNothing: reload === null ? null : reload.added === 0,
    },
  };
});

/** `current`, `baseline`, or either with `:N`: batches of N lines. */
function variant(name: string, batchSize: number | undefined): { kind: Path; batch?: number } {
  const [kind, lines] = name.split(':');
  if (kind !== 'baseline' && kind !== 'current') throw new Error(`unknown path "${name}"`);
  const batch = lines === undefined ? batchSize : Number(lines);
  if (batch !== undefined && !(batch > 0)) throw new Error(`bad batch size in "${name}"`);
  return batch === undefined ? { kind } : { kind, batch };
}

/** One load on a clean graph with a fresh app, as `oneid load retail FILE` runs it. */
async function load(
  env: BenchEnvironment,
  path: Path,
  file: string,
  batchSize: number | undefined,
): Promise<{ result: Run; app: App }> {
  await resetDatabase(env.raw);
  const app = createApp(env.config, env.timed);
  await app.segments.init();
  env.timed.reset();
  const timer = writeTimer();
  const cpu = cpuMeter(env.local.status().pid);
  const started = performance.now();
  const summary =
    path === 'current'
      ? await loadFile(
          'retail',
          file,
          {
            identity: app.identity,
            eventLinkConfidence: env.config.identity.eventLinkConfidence,
            metrics: timer,
          },
          { batchSize },
        )
      : await baselineLoad(app, file, batchSize ?? 50_000, timer);
  const flushStarted = performance.now();
  await app.segments.flush();
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const neo4jMs = env.timed.report();
  const result: Run = {
    path,
    seconds: round(seconds, 2),
    rowsPerSecond: Math.round(summary.rows / seconds),
    added: summary.loaded,
    ...cpu(),
    writeSeconds: round(timer.ms / 1000, 2),
    otherSeconds: round(seconds - timer.ms / 1000, 2),
    flushSeconds: round((ended - flushStarted) / 1000, 2),
    figures: await figures(env, app),
    neo4jMs,
  };
  return { result, app };
}

/** The retail load before issue 15, as loadFile ran it. */
async function baselineLoad(
  app: App,
  file: string,
  batchLines: number,
  timer: BatchTimer,
): Promise<Pick<LoadSummary, 'rows' | 'loaded'>> {
  const meter = new ReadMeter();
  let rows = 0;
  let loaded = 0;
  for await (const batch of groupPurchases(
    readRetailLines(file, { meter, csvReader: 'csv-parse' }),
    {
      source: 'online_retail',
      batchLines,
    },
  )) {
    rows += batch.counts.rows;
    if (batch.purchases.length > 0)
      loaded += await timer.timeBatch(
        'file_retail',
        async () => (await writeRetailPurchasesBaseline(app.identity, batch.purchases)).added,
      );
  }
  await app.db.writeQuery('ingest/record-load', {
    load: {
      id: `retail_transactions:baseline-${Date.now()}`,
      source: 'retail_transactions',
      file: basename(file),
      sha256: 'baseline',
      rows,
      rejected: 0,
      anonymous: 0,
      duplicates: 0,
      added: loaded,
      finishedAt: new Date().toISOString(),
    },
  });
  return { rows, loaded };
}

function writeTimer(): BatchTimer & { ms: number } {
  const timer = {
    ms: 0,
    async timeBatch<T>(_source: string, run: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await run();
      } finally {
        timer.ms += performance.now() - started;
      }
    },
  };
  return timer;
}

async function figures(env: BenchEnvironment, app: App): Promise<Figures> {
  const view = await app.rfm.view(FIGURES_AS_OF);
  let cents = 0;
  for (const entry of view.entries.values()) cents += entry.rfm.monetaryCents;
  const [counts] = await env.raw.readQuery<{ purchases: number; lines: number }>(
    'test/retail-counts',
  );
  return {
    customersWithRfm: view.entries.size,
    monetary: centsText(cents),
    purchases: counts?.purchases ?? 0,
    lines: counts?.lines ?? 0,
  };
}

async function reloadStage(env: BenchEnvironment, app: App, file: string) {
  env.timed.reset();
  const cpu = cpuMeter(env.local.status().pid);
  const started = performance.now();
  const summary = await loadFile('retail', file, {
    identity: app.identity,
    eventLinkConfidence: env.config.identity.eventLinkConfidence,
  });
  const seconds = (performance.now() - started) / 1000;
  progress(`re-load: ${round(seconds, 2)} s, ${summary.loaded} lines added`);
  return {
    seconds: round(seconds, 2),
    added: summary.loaded,
    ...cpu(),
    neo4jMs: env.timed.report(),
  };
}

function summarize(runs: readonly Run[]) {
  const seconds = runs.map((r) => r.seconds);
  const med = (pick: (r: Run) => number) => round(median(runs.map(pick)), 2);
  return {
    runs: runs.length,
    medianSeconds: med((r) => r.seconds),
    seconds,
    medianRowsPerSecond: Math.round(median(runs.map((r) => r.rowsPerSecond))),
    medianSelfCpuSeconds: med((r) => r.selfCpuSeconds),
    medianNeo4jCpuSeconds: med((r) => r.neo4jCpuSeconds),
    medianWriteSeconds: med((r) => r.writeSeconds),
    medianOtherSeconds: med((r) => r.otherSeconds),
  };
}

/** Parse only (no database), baseline reader against readRetailBatches, alternating. */
async function parseStage(file: string, runs: number) {
  const times: Record<Path, { ms: number[]; cpuMs: number[] }> = {
    baseline: { ms: [], cpuMs: [] },
    current: { ms: [], cpuMs: [] },
  };
  const totals = new Map<Path, string>();
  for (let i = 0; i < runs; i++) {
    for (const path of (i % 2 === 0
      ? ['baseline', 'current']
      : ['current', 'baseline']) as Path[]) {
      const batches =
        path === 'baseline'
          ? groupPurchases(readRetailLines(file, { csvReader: 'csv-parse' }), {
              batchLines: 50_000,
            })
          : readRetailBatches(file, { batchLines: 50_000 });
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      let rows = 0;
      let lines = 0;
      let cents = 0;
      for await (const batch of batches) {
        rows += batch.counts.rows;
        for (const p of batch.purchases) {
          lines += p.lines.length;
          for (const l of p.lines) cents += l.cents;
        }
      }
      times[path].ms.push(performance.now() - started);
      const cpu = process.cpuUsage(cpu0);
      times[path].cpuMs.push((cpu.user + cpu.system) / 1000);
      totals.set(path, `${rows} rows, ${lines} lines, ${centsText(cents)}`);
      progress(`parse ${path} ${i + 1}: ${Math.round(times[path].ms.at(-1) ?? 0)} ms`);
    }
  }
  const sum = (p: Path) => ({
    medianMs: Math.round(median(times[p].ms)),
    runsMs: times[p].ms.map(Math.round),
    medianCpuMs: Math.round(median(times[p].cpuMs)),
    totals: totals.get(p),
  });
  const baseline = sum('baseline');
  const current = sum('current');
  return {
    baseline,
    current,
    currentOverBaseline: ratio(current.medianMs, baseline.medianMs),
    sameTotals: baseline.totals === current.totals,
  };
}

/** The header and first `lines` data lines of a .csv.gz as a plain CSV in a temporary folder. */
async function sliceOf(file: string, lines: number): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'retail-load-')), 'warmup.csv');
  const write = createWriteStream(out);
  let n = 0;
  const input = createReadStream(file);
  for await (const line of createInterface({
    input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
  })) {
    write.write(`${line}\n`);
    if (++n > lines) break;
  }
  await new Promise((resolve) => write.end(resolve));
  return out;
}
