/**
 * Issue 17: evaluating rule segments over a population, as the segment engine does when a
 * rule segment is defined. `npm run bench -- rule-eval [--rows 1000000] [--rounds 7] [--warmup 2]`
 *
 * Builds `--rows` synthetic persons in typed columns (seeded PRNG, nulls included) and reads
 * them through one reused getter-based RuleFacts object, moved row by row, the shape the
 * engine implements. Compiles three typical rules and, for each, times a pass over every row
 * with the compiled predicate and with a hand-written predicate reading the same object (the
 * floor a compiler could reach). After `--warmup` untimed passes of everything, `--rounds`
 * rounds alternate the two; figures are ns per row, median of the rounds.
 *
 * No Neo4j: rule evaluation is pure CPU. Prints one JSON object on stdout; exits 1 if a
 * compiled rule and its hand-written twin disagree on any row.
 */
import { cpus, loadavg } from 'node:os';
import {
  parseRule,
  compileRule,
  type RuleFacts,
  type RulePredicate,
} from '../src/segments/rule/index.js';
import { benchArgs } from './lib/args.js';
import { emit, progress } from './lib/log.js';
import { median, round } from './lib/stats.js';
import { prng } from './lib/prng.js';

const SEED = 0x0e1d_0017;
/** Int32 columns hold null as this value. */
const NULL = -0x8000_0000;

const LEVELS = [null, 'bronze', 'silver', 'gold', 'platinum'] as const;
const GENDERS = [null, 'F', 'M', 'U'] as const;
const REGISTER_CHANNELS = [null, 'app', 'store', 'wechat', 'web'] as const;
const CHANNELS = ['app', 'miniapp', 'store', 'online_retail', 'wechat'] as const;
const IDENTIFIER_TYPES = [
  'member_id',
  'mobile',
  'email',
  'union_id',
  'open_id',
  'device_id',
] as const;
/** Register dates: index 0 is null, then every day from 2019-01-01 (about 2,000). */
const DATES: readonly (string | null)[] = [
  null,
  ...Array.from({ length: 2000 }, (_, i) =>
    new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10),
  ),
];

interface Columns {
  readonly recencyDays: Int32Array;
  readonly frequency: Int32Array;
  readonly monetaryCents: Int32Array;
  readonly rScore: Int8Array;
  readonly fScore: Int8Array;
  readonly mScore: Int8Array;
  readonly totalPoints: Int32Array;
  readonly birthdayMonth: Int8Array;
  readonly level: Uint8Array;
  readonly gender: Uint8Array;
  readonly registerChannel: Uint8Array;
  readonly registerDate: Uint16Array;
  /** Bit i: purchased through CHANNELS[i]. */
  readonly channels: Uint8Array;
  /** Bit i: has an active identifier of IDENTIFIER_TYPES[i]. */
  readonly identifierTypes: Uint8Array;
}

function synthesize(rows: number): Columns {
  const next = prng(SEED);
  const uniform = (n: number): number => next() % n;
  const c: Columns = {
    recencyDays: new Int32Array(rows),
    frequency: new Int32Array(rows),
    monetaryCents: new Int32Array(rows),
    rScore: new Int8Array(rows),
    fScore: new Int8Array(rows),
    mScore: new Int8Array(rows),
    totalPoints: new Int32Array(rows),
    birthdayMonth: new Int8Array(rows),
    level: new Uint8Array(rows),
    gender: new Uint8Array(rows),
    registerChannel: new Uint8Array(rows),
    registerDate: new Uint16Array(rows),
    channels: new Uint8Array(rows),
    identifierTypes: new Uint8Array(rows),
  };
  for (let i = 0; i < rows; i += 1) {
    const buyer = uniform(10) !== 0; // 10 % never purchased: RFM fields null
    c.recencyDays[i] = buyer ? uniform(730) : NULL;
    c.frequency[i] = buyer ? 1 + (uniform(8) * uniform(8)) / 4 : NULL;
    c.monetaryCents[i] = buyer ? uniform(100_000) : NULL;
    c.rScore[i] = buyer ? 1 + uniform(5) : 0;
    c.fScore[i] = buyer ? 1 + uniform(5) : 0;
    c.mScore[i] = buyer ? 1 + uniform(5) : 0;
    const member = uniform(5) !== 0; // 20 % without a CRM profile
    c.totalPoints[i] = member ? uniform(5_000) : NULL;
    c.birthdayMonth[i] = member && uniform(3) !== 0 ? 1 + uniform(12) : 0;
    c.level[i] = member ? 1 + uniform(LEVELS.length - 1) : 0;
    c.gender[i] = member ? uniform(GENDERS.length) : 0;
    c.registerChannel[i] = member ? 1 + uniform(REGISTER_CHANNELS.length - 1) : 0;
    c.registerDate[i] = member ? 1 + uniform(DATES.length - 1) : 0;
    c.channels[i] = buyer ? 1 + uniform(31) : 0;
    c.identifierTypes[i] = (member ? 1 : 0) | ((uniform(64) << 1) & 0b111110);
  }
  return c;
}

const bitsOf = (names: readonly string[]): ReadonlyMap<string, number> =>
  new Map(names.map((n, i) => [n, 1 << i]));
const CHANNEL_BITS = bitsOf(CHANNELS);
const TYPE_BITS = bitsOf(IDENTIFIER_TYPES);

/** One object for all rows: `row` moves it; every getter reads that row of a column. */
class ColumnFacts implements RuleFacts {
  row = 0;
  constructor(private readonly c: Columns) {}
  get recencyDays(): number | null {
    const v = this.c.recencyDays[this.row] ?? NULL;
    return v === NULL ? null : v;
  }
  get frequency(): number | null {
    const v = this.c.frequency[this.row] ?? NULL;
    return v === NULL ? null : v;
  }
  get monetaryCents(): number | null {
    const v = this.c.monetaryCents[this.row] ?? NULL;
    return v === NULL ? null : v;
  }
  get rScore(): number | null {
    return this.c.rScore[this.row] || null;
  }
  get fScore(): number | null {
    return this.c.fScore[this.row] || null;
  }
  get mScore(): number | null {
    return this.c.mScore[this.row] || null;
  }
  get totalPoints(): number | null {
    const v = this.c.totalPoints[this.row] ?? NULL;
    return v === NULL ? null : v;
  }
  get birthdayMonth(): number | null {
    return this.c.birthdayMonth[this.row] || null;
  }
  get level(): string | null {
    return LEVELS[this.c.level[this.row] ?? 0] ?? null;
  }
  get gender(): string | null {
    return GENDERS[this.c.gender[this.row] ?? 0] ?? null;
  }
  get registerChannel(): string | null {
    return REGISTER_CHANNELS[this.c.registerChannel[this.row] ?? 0] ?? null;
  }
  get registerDate(): string | null {
    return DATES[this.c.registerDate[this.row] ?? 0] ?? null;
  }
  hasChannel(channel: string): boolean {
    return ((this.c.channels[this.row] ?? 0) & (CHANNEL_BITS.get(channel) ?? 0)) !== 0;
  }
  hasIdentifierType(type: string): boolean {
    return ((this.c.identifierTypes[this.row] ?? 0) & (TYPE_BITS.get(type) ?? 0)) !== 0;
  }
}

/** Three typical rule segments, each with the predicate one would write by hand. */
const RULES: readonly { name: string; rule: string; byHand: RulePredicate }[] = [
  {
    name: 'big spenders (issue 17)',
    rule: 'recencyDays <= 200 AND monetary >= 300 AND level IN ("gold", "silver")',
    byHand: (f) => {
      const r = f.recencyDays;
      const m = f.monetaryCents;
      const l = f.level;
      return (
        r !== null && r <= 200 && m !== null && m >= 30_000 && (l === 'gold' || l === 'silver')
      );
    },
  },
  {
    name: 'loyal app users',
    rule: '(rScore >= 4 OR fScore = 5) AND channels CONTAINS ANY ("app", "miniapp") AND NOT identifierTypes CONTAINS "device_id"',
    byHand: (f) => {
      const r = f.rScore;
      const fs = f.fScore;
      return (
        ((r !== null && r >= 4) || fs === 5) &&
        (f.hasChannel('app') || f.hasChannel('miniapp')) &&
        !f.hasIdentifierType('device_id')
      );
    },
  },
  {
    name: 'June birthdays of recent members, or never bought',
    rule: 'registerDate >= "2023-01-01" AND birthdayMonth = 6 AND gender IS NOT NULL OR recencyDays IS NULL',
    byHand: (f) => {
      const d = f.registerDate;
      return (
        (d !== null && d >= '2023-01-01' && f.birthdayMonth === 6 && f.gender !== null) ||
        f.recencyDays === null
      );
    },
  },
];

/** Matches of `predicate` over every row, and the pass's duration in ns. */
function pass(
  predicate: RulePredicate,
  facts: ColumnFacts,
  rows: number,
): { matches: number; ns: number } {
  const start = process.hrtime.bigint();
  let matches = 0;
  for (let row = 0; row < rows; row += 1) {
    facts.row = row;
    if (predicate(facts)) matches += 1;
  }
  return { matches, ns: Number(process.hrtime.bigint() - start) };
}

function main(): void {
  const args = benchArgs();
  const rows = args.number('rows', 1_000_000);
  const rounds = args.number('rounds', 7);
  const warmup = args.number('warmup', 2);
  const loadStart = loadavg().map((x) => round(x));
  const started = performance.now();

  let t0 = performance.now();
  const facts = new ColumnFacts(synthesize(rows));
  progress(`${rows} synthetic rows in ${Math.round(performance.now() - t0)} ms`);

  const compiled = RULES.map(({ rule }) => {
    const times: number[] = [];
    let predicate: RulePredicate = () => false;
    for (let i = 0; i < 200; i += 1) {
      t0 = performance.now();
      predicate = compileRule(parseRule(rule));
      times.push((performance.now() - t0) * 1000);
    }
    return { predicate, parseAndCompileMicros: round(median(times), 1) };
  });

  // correctness first, row by row
  for (const [i, { byHand, name }] of RULES.entries()) {
    const predicate = compiled[i]?.predicate ?? byHand;
    for (let row = 0; row < rows; row += 1) {
      facts.row = row;
      const expected = byHand(facts);
      if (predicate(facts) !== expected) {
        console.error(`rule "${name}" differs from its hand-written twin at row ${row}`);
        process.exit(1);
      }
    }
  }

  const samples = RULES.map(() => ({
    compiled: [] as number[],
    byHand: [] as number[],
    matches: 0,
  }));
  for (let round_ = -warmup; round_ < rounds; round_ += 1) {
    for (const [i, rule] of RULES.entries()) {
      const sample = samples[i];
      const predicate = compiled[i]?.predicate;
      if (!sample || !predicate) continue;
      const a = pass(predicate, facts, rows);
      const b = pass(rule.byHand, facts, rows);
      if (a.matches !== b.matches)
        throw new Error(`${rule.name}: ${a.matches} vs ${b.matches} matches`);
      sample.matches = a.matches;
      if (round_ >= 0) {
        sample.compiled.push(a.ns / rows);
        sample.byHand.push(b.ns / rows);
      }
    }
    progress(
      round_ < 0
        ? `warm-up ${round_ + warmup + 1} of ${warmup}`
        : `round ${round_ + 1} of ${rounds}`,
    );
  }

  const results = RULES.map((rule, i) => {
    const sample = samples[i] ?? { compiled: [], byHand: [], matches: 0 };
    const compiledNs = median(sample.compiled);
    const byHandNs = median(sample.byHand);
    return {
      name: rule.name,
      rule: rule.rule,
      matches: sample.matches,
      parseAndCompileMicros: compiled[i]?.parseAndCompileMicros,
      compiledNsPerRow: round(compiledNs, 1),
      byHandNsPerRow: round(byHandNs, 1),
      compiledOverByHand: round(compiledNs / byHandNs),
      compiledMsPer1MRows: round((compiledNs * 1_000_000) / 1e6, 1),
      compiledRoundsNsPerRow: sample.compiled.map((x) => round(x, 1)),
    };
  });

  emit({
    bench: 'rule-eval',
    node: process.version,
    rows,
    warmupRounds: warmup,
    rounds,
    seed: SEED,
    results,
    machine: {
      cpus: cpus().length,
      loadAverageAtStart: loadStart,
      loadAverageAtEnd: loadavg().map((x) => round(x)),
      benchSeconds: Math.round((performance.now() - started) / 1000),
    },
  });
}

main();
