/**
 * Audience bitmap benchmark: `npx tsx bench/bitmaps.ts [--quick]`.
 *
 * For universes of 10M and 100M person ids (10M only with --quick) and densities 0.01 %, 1 %
 * and 50 %, builds three random bitmaps A, B, C from a seeded PRNG and times
 * `(A AND B) ANDNOT C`, counted and materialized, three ways: through the expression evaluator
 * (parsed once), with hand-written roaring calls, and with plain JS Sets (only where every set
 * fits under the 2^24-entry limit of a JS Set). Then times the codec on a 100M-universe bitmap
 * at 50 % density (10M with --quick).
 *
 * Prints one JSON object on stdout; progress goes to stderr. Exits 1 if the three ways
 * disagree on a count or the codec does not round-trip.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import roaring from 'roaring';
import { decodeBitmap, encodeBitmap } from '../src/segments/bitmap-codec.js';
import { countExpression, evaluate } from '../src/segments/evaluate.js';
import { parseExpression } from '../src/segments/expression/parser.js';
import { RoaringBitmap32 } from '../src/segments/roaring.js';
import { TagCatalog } from '../src/segments/tag-catalog.js';
import { prng } from './lib/prng.js';

const QUICK = process.argv.includes('--quick');
const SEED = 0x0e1d_2026;
const UNIVERSES = QUICK ? [10_000_000] : [10_000_000, 100_000_000];
const DENSITIES = [0.0001, 0.01, 0.5];
const EXPRESSION = '(A AND B) ANDNOT C';
/** A JS Set holds at most 2^24 entries. */
const MAX_SET_SIZE = 2 ** 24;
/** Repetitions stop after this much measured time or MAX_REPS, whichever comes first. */
const TIME_BUDGET_MS = 1_000;
const MIN_REPS = 5;
const MAX_REPS = 30;
/** Fast operations are run in batches of at least this long, so the timer resolution does not dominate. */
const MIN_BATCH_MS = 2;
const TARGETS = { evaluatorOverDirectMax: 1.5, count100MMaxMs: 10 };

interface Timing {
  medianMs: number;
  p90Ms: number;
  reps: number;
  /** Calls per timed repetition; the times are per call. */
  batch: number;
}

interface Way {
  evaluator: Timing;
  direct: Timing;
  set: Timing | null;
  setSkipped?: string;
  /** evaluator median / direct median. */
  ratio: number;
}

let sink = 0;

const log = (message: string): void => void process.stderr.write(`${message}\n`);

/**
 * A random bitmap over [0, universe) where each id is present with probability `density`.
 * 50 % uses one random bit per id; sparser densities jump between ids with geometric gaps.
 */
function randomBitmap(universe: number, density: number, next: () => number): RoaringBitmap32 {
  const bitmap = new RoaringBitmap32();
  const chunk = new Uint32Array(1 << 20);
  let n = 0;
  const push = (id: number): void => {
    chunk[n++] = id;
    if (n === chunk.length) {
      bitmap.addMany(chunk);
      n = 0;
    }
  };
  if (density === 0.5) {
    for (let base = 0; base < universe; base += 32) {
      let word = next();
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        word ^= 1 << bit;
        word >>>= 0;
        if (base + bit < universe) push(base + bit);
      }
    }
  } else {
    const logq = Math.log1p(-density);
    for (let id = -1; ;) {
      const u = (next() + 1) / 4294967297; // in (0, 1)
      id += 1 + Math.floor(Math.log(u) / logq);
      if (id >= universe) break;
      push(id);
    }
  }
  bitmap.addMany(chunk.subarray(0, n));
  return bitmap;
}

/** A full garbage collection, so that garbage from one measurement is not collected during the next. */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** Calls per timed repetition so that one repetition lasts at least MIN_BATCH_MS (after a warm-up call). */
function batchSize(fn: () => void): number {
  const start = performance.now();
  fn();
  return Math.max(1, Math.ceil(MIN_BATCH_MS / Math.max(performance.now() - start, 1e-4)));
}

/**
 * Times two functions per call: median and p90 over adaptive repetitions. Repetitions of the
 * two alternate, so that drift (GC, frequency scaling) affects both alike.
 */
function measure(first: () => void, second: () => void): [Timing, Timing] {
  const fns = [first, second];
  collectGarbage();
  const batches = fns.map(batchSize);
  const samples = fns.map((): number[] => []);
  let total = 0;
  for (
    let rep = 0;
    rep < MAX_REPS && (total < TIME_BUDGET_MS * fns.length || rep < MIN_REPS);
    rep += 1
  ) {
    fns.forEach((fn, i) => {
      const batch = batches[i] ?? 1;
      const start = performance.now();
      for (let call = 0; call < batch; call += 1) fn();
      const elapsed = performance.now() - start;
      total += elapsed;
      samples[i]?.push(elapsed / batch);
    });
  }
  const timing = (i: number): Timing => {
    const times = (samples[i] ?? []).sort((a, b) => a - b);
    const at = (q: number): number =>
      times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
    return {
      medianMs: round(at(0.5)),
      p90Ms: round(at(0.9)),
      reps: times.length,
      batch: batches[i] ?? 1,
    };
  };
  return [timing(0), timing(1)];
}

const round = (ms: number): number => Number(ms.toPrecision(4));

function compare(evaluator: Timing, direct: Timing, set: Timing | null, setSkipped?: string): Way {
  const way: Way = { evaluator, direct, set, ratio: round(evaluator.medianMs / direct.medianMs) };
  if (setSkipped) way.setSkipped = setSkipped;
  return way;
}

function fail(message: string): never {
  log(`FAILED: ${message}`);
  process.exit(1);
}

function runCase(universe: number, density: number, next: () => number) {
  let start = performance.now();
  const [a, b, c] = [0, 1, 2].map(() => randomBitmap(universe, density, next)) as [
    RoaringBitmap32,
    RoaringBitmap32,
    RoaringBitmap32,
  ];
  const buildMs = round(performance.now() - start);
  const catalog = new TagCatalog([
    ['A', a],
    ['B', b],
    ['C', c],
  ]);
  const ast = parseExpression(EXPRESSION);

  const direct = (): RoaringBitmap32 => RoaringBitmap32.and(a, b).andNotInPlace(c);
  const directCount = (): number => {
    const ab = RoaringBitmap32.and(a, b);
    const n = ab.andNotCardinality(c);
    ab.dispose();
    return n;
  };
  const expected = directCount();
  if (countExpression(ast, catalog.lookup) !== expected)
    fail(`evaluator count differs at ${universe}/${density}`);
  if (evaluate(ast, catalog.lookup).size !== expected)
    fail(`evaluator result differs at ${universe}/${density}`);

  log(`  ${universe} ids, density ${density}: |A|=${a.size}, result ${expected}; timing roaring`);
  const [countEvaluator, countDirect] = measure(
    () => void (sink += countExpression(ast, catalog.lookup)),
    () => void (sink += directCount()),
  );
  const [materializeEvaluator, materializeDirect] = measure(
    () => {
      const result = evaluate(ast, catalog.lookup);
      sink += result.isEmpty ? 0 : 1;
      result.dispose();
    },
    () => {
      const result = direct();
      sink += result.isEmpty ? 0 : 1;
      result.dispose();
    },
  );

  let setCount: Timing | null = null;
  let setMaterialize: Timing | null = null;
  let setSkipped: string | undefined;
  if (Math.max(a.size, b.size, c.size) > MAX_SET_SIZE) {
    setSkipped = `a JS Set holds at most 2^24 = ${MAX_SET_SIZE} entries; these sets have ~${a.size}`;
  } else {
    log('  timing Set');
    start = performance.now();
    const [sa, sb, sc] = [a, b, c].map((bitmap) => {
      const set = new Set<number>();
      for (const id of bitmap.toArray()) set.add(id);
      return set;
    }) as [Set<number>, Set<number>, Set<number>];
    log(`  Sets built in ${Math.round(performance.now() - start)} ms`);
    const setCountOnce = (): number => {
      let n = 0;
      for (const id of sa) if (sb.has(id) && !sc.has(id)) n += 1;
      return n;
    };
    if (setCountOnce() !== expected) fail(`Set count differs at ${universe}/${density}`);
    [setCount, setMaterialize] = measure(
      () => void (sink += setCountOnce()),
      () => {
        const out = new Set<number>();
        for (const id of sa) if (sb.has(id) && !sc.has(id)) out.add(id);
        sink += out.size;
      },
    );
  }
  const sizes = { A: a.size, B: b.size, C: c.size };
  for (const bitmap of [a, b, c]) bitmap.dispose();
  return {
    universe,
    density,
    sizes,
    resultCount: expected,
    buildMs,
    count: compare(countEvaluator, countDirect, setCount, setSkipped),
    materialize: compare(materializeEvaluator, materializeDirect, setMaterialize, setSkipped),
  };
}

function runCodec(universe: number, next: () => number) {
  const bitmap = randomBitmap(universe, 0.5, next);
  const encoded = encodeBitmap(bitmap, 1);
  const decoded = decodeBitmap(encoded);
  if (!decoded.bitmap.isEqual(bitmap) || decoded.version !== 1) fail('codec round trip differs');
  const [encode, decode] = measure(
    () => void (sink += encodeBitmap(bitmap, 1).length),
    () => {
      const { bitmap: copy } = decodeBitmap(encoded);
      sink += copy.isEmpty ? 0 : 1;
      copy.dispose();
    },
  );
  const result = {
    universe,
    density: 0.5,
    cardinality: bitmap.size,
    bytes: encoded.length,
    bytesPerId: round(encoded.length / bitmap.size),
    encode,
    decode,
  };
  bitmap.dispose();
  return result;
}

function main(): void {
  const started = performance.now();
  const next = prng(SEED);
  const cases = [];
  for (const universe of UNIVERSES) {
    for (const density of DENSITIES) cases.push(runCase(universe, density, next));
  }
  log('  timing codec');
  const serialization = runCodec(UNIVERSES[UNIVERSES.length - 1] ?? 0, next);

  const ratios = cases.flatMap((c) => [c.count.ratio, c.materialize.ratio]);
  const counts100M = cases
    .filter((c) => c.universe === 100_000_000)
    .map((c) => c.count.evaluator.medianMs);
  const report = {
    bench: 'bitmaps',
    quick: QUICK,
    node: process.version,
    roaring: roaring.PackageVersion,
    croaring: roaring.CRoaringVersion,
    seed: SEED,
    expression: EXPRESSION,
    targets: TARGETS,
    cases,
    serialization,
    verdict: {
      worstEvaluatorOverDirect: Math.max(...ratios),
      evaluatorWithinTarget: ratios.every((r) => r <= TARGETS.evaluatorOverDirectMax),
      worstCount100MMs: counts100M.length > 0 ? Math.max(...counts100M) : null,
      count100MWithinTarget:
        counts100M.length > 0 ? counts100M.every((ms) => ms < TARGETS.count100MMaxMs) : null,
    },
    totalSeconds: round((performance.now() - started) / 1000),
    sink: sink % 2,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main();
