import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleAst } from '../../../../src/segments/rule/ast.js';
import { compileRule } from '../../../../src/segments/rule/compile.js';
import { parseRule } from '../../../../src/segments/rule/parser.js';
import { factsArbitrary, ruleArbitrary } from './arbitraries.js';
import { naiveRule } from './naive-rule.js';
import { person, RowFacts, type PlainFacts } from './plain-facts.js';

/** The rule evaluated over `rows` through one reused getter object, as the engine does. */
function matches(text: string, rows: readonly PlainFacts[]): boolean[] {
  const predicate = compileRule(parseRule(text));
  const facts = new RowFacts(rows);
  return rows.map((_, i) => predicate(facts.at(i)));
}

const gold = person({
  recencyDays: 120,
  frequency: 4,
  monetaryCents: 30_000,
  rScore: 4,
  fScore: 5,
  mScore: 3,
  totalPoints: 1200,
  birthdayMonth: 6,
  level: 'gold',
  gender: 'F',
  registerChannel: 'app',
  registerDate: '2024-01-01',
  channels: ['app', 'wechat'],
  identifierTypes: ['member_id', 'union_id'],
});
const silver = person({
  recencyDays: 201,
  frequency: 1,
  monetaryCents: 29_999,
  rScore: 1,
  fScore: 1,
  mScore: 2,
  totalPoints: 0,
  birthdayMonth: 12,
  level: 'silver',
  gender: 'M',
  registerChannel: 'store',
  registerDate: '2023-12-31',
  channels: ['store'],
  identifierTypes: ['device_id'],
});
/** A person known only by a device: every scalar field null, both sets empty. */
const unknown = person({});
const ROWS = [gold, silver, unknown];

describe('compileRule on a table of rules and persons [gold, silver, unknown]', () => {
  const cases: [rule: string, expected: [boolean, boolean, boolean]][] = [
    [
      'recencyDays <= 200 AND monetary >= 300 AND level IN ("gold", "silver")',
      [true, false, false],
    ],
    ['recencyDays <= 200', [true, false, false]],
    ['recencyDays > 200', [false, true, false]],
    ['recencyDays IS NULL', [false, false, true]],
    ['recencyDays IS NOT NULL', [true, true, false]],
    ['NOT recencyDays <= 200', [false, true, true]],
    ['frequency != 4', [false, true, false]],
    ['frequency NOT IN (4, 5)', [false, true, false]],
    ['NOT frequency IN (4, 5)', [false, true, true]],
    ['frequency IN (1, 4)', [true, true, false]],
    ['frequency < 1.5', [false, true, false]],
    ['frequency >= 1.5', [true, false, false]],
    ['frequency = 1.0', [false, true, false]],
    ['frequency = 1.5', [false, false, false]],
    ['frequency != 1.5', [true, true, false]],
    ['totalPoints > -1', [true, true, false]],
    ['totalPoints <= -0.5', [false, false, false]],
    ['rScore >= 4 AND fScore = 5', [true, false, false]],
    ['mScore < 3 OR mScore IS NULL', [false, true, true]],
    ['birthdayMonth = 6', [true, false, false]],
    ['birthdayMonth IN (11, 12, 1)', [false, true, false]],
    ['level = "gold"', [true, false, false]],
    ['level = "Gold"', [false, false, false]],
    ['level = "gold "', [false, false, false]],
    ['level != "gold"', [false, true, false]],
    ['NOT level = "gold"', [false, true, true]],
    ['level NOT IN ("gold")', [false, true, false]],
    ['gender IN ("F", "X")', [true, false, false]],
    ["registerChannel = 'store'", [false, true, false]],
    ['registerDate >= "2024-01-01"', [true, false, false]],
    ['registerDate < "2024-01-01"', [false, true, false]],
    ['registerDate != "2024-01-01"', [false, true, false]],
    ['registerDate IN ("2023-12-31", "2024-01-02")', [false, true, false]],
    ['registerDate IS NULL', [false, false, true]],
    ['channels CONTAINS "app"', [true, false, false]],
    ['NOT channels CONTAINS "app"', [false, true, true]],
    ['channels CONTAINS ANY ("store", "wechat")', [true, true, false]],
    ['channels CONTAINS ALL ("app", "wechat")', [true, false, false]],
    ['channels CONTAINS ALL ("app", "store")', [false, false, false]],
    ['channels CONTAINS ALL ("store")', [false, true, false]],
    ['identifierTypes CONTAINS "device_id"', [false, true, false]],
    ['identifierTypes CONTAINS ANY ("union_id", "device_id")', [true, true, false]],
    ['TRUE', [true, true, true]],
    ['FALSE', [false, false, false]],
    ['NOT NOT FALSE OR level IS NULL', [false, false, true]],
    [
      '(level = "gold" OR level = "silver") AND NOT channels CONTAINS "store"',
      [true, false, false],
    ],
    ['level = "gold" OR level = "silver" AND channels CONTAINS "app"', [true, false, false]],
    [
      'frequency = 0 OR frequency = 1 OR frequency = 2 OR frequency = 3 OR frequency = 4',
      [true, true, false],
    ],
    [
      'recencyDays >= 0 AND recencyDays < 1000 AND frequency > 0 AND rScore > 1 AND level IS NOT NULL',
      [true, false, false],
    ],
  ];

  it.each(cases)('%s', (rule, expected) => {
    expect(matches(rule, ROWS)).toEqual(expected);
    expect(ROWS.map((row) => naiveRule(parseRule(rule), row))).toEqual(expected);
  });

  it('long IN lists (a Set inside) give the same answers as short ones', () => {
    const many = Array.from({ length: 20 }, (_, i) => i + 100);
    expect(matches(`frequency IN (${[...many, 4].join(', ')})`, ROWS)).toEqual([
      true,
      false,
      false,
    ]);
    expect(matches(`frequency NOT IN (${[...many, 4].join(', ')})`, ROWS)).toEqual([
      false,
      true,
      false,
    ]);
    const levels = [...many.map((i) => `"l${i}"`), '"silver"'].join(', ');
    expect(matches(`level IN (${levels})`, ROWS)).toEqual([false, true, false]);
    expect(matches(`level NOT IN (${levels})`, ROWS)).toEqual([true, false, false]);
  });
});

describe('compileRule: money is compared exactly in cents', () => {
  const cents = [29_998, 29_999, 30_000, 30_001, 100, 101, 10, -1, 0].map((c) =>
    person({ monetaryCents: c }),
  );
  const who = (rule: string): number[] =>
    matches(rule, cents).flatMap((hit, i) => (hit ? [cents[i]?.monetaryCents ?? NaN] : []));

  const cases: [rule: string, expected: number[]][] = [
    ['monetary >= 300', [30_000, 30_001]],
    ['monetary > 300', [30_001]],
    ['monetary = 300', [30_000]],
    ['monetary = 299.99', [29_999]],
    ['monetary >= 299.995', [30_000, 30_001]],
    ['monetary > 299.995', [30_000, 30_001]],
    ['monetary <= 299.995', [29_998, 29_999, 100, 101, 10, -1, 0]],
    ['monetary < 299.995', [29_998, 29_999, 100, 101, 10, -1, 0]],
    ['monetary = 299.995', []],
    ['monetary != 299.995', [29_998, 29_999, 30_000, 30_001, 100, 101, 10, -1, 0]],
    ['monetary IN (299.995, 300.00)', [30_000]],
    // Math.round(1.005 * 100) is 100 (1.005 is 1.00499999... as a double): exact is 101
    ['monetary >= 1.005', [29_998, 29_999, 30_000, 30_001, 101]],
    ['monetary < 1.01', [100, 10, -1, 0]],
    ['monetary = 0.1', [10]],
    ['monetary <= -0.001', [-1]],
    ['monetary < -0.001', [-1]],
    ['monetary > -0.01', [29_998, 29_999, 30_000, 30_001, 100, 101, 10, 0]],
    ['monetary >= -0.009', [29_998, 29_999, 30_000, 30_001, 100, 101, 10, 0]],
    ['monetary = -0', [0]],
  ];

  it.each(cases)('%s', (rule, expected) => {
    expect(who(rule)).toEqual(expected);
  });
});

describe('compileRule against the reference evaluator', () => {
  it('agrees with naiveRule on random rules and random persons (nulls included)', () => {
    fc.assert(
      fc.property(
        ruleArbitrary,
        fc.array(factsArbitrary, { minLength: 1, maxLength: 12 }),
        (ast, rows) => {
          const predicate = compileRule(ast);
          const facts = new RowFacts(rows);
          const compiled = rows.map((_, i) => predicate(facts.at(i)));
          expect(compiled).toEqual(rows.map((row) => naiveRule(ast, row)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('compiles a chain of a thousand ORs without recursing over it', () => {
    let ast: RuleAst = { kind: 'constant', value: false };
    for (let i = 0; i < 1000; i += 1) {
      const right: RuleAst = {
        kind: 'compare',
        field: 'frequency',
        op: '=',
        value: { kind: 'number', text: String(i), value: i },
        pos: 0,
      };
      ast = { kind: 'binary', op: 'OR', left: ast, right };
    }
    const predicate = compileRule(ast);
    const rows = [person({ frequency: 999 }), person({ frequency: 1000 }), person({})];
    const facts = new RowFacts(rows);
    expect(rows.map((_, i) => predicate(facts.at(i)))).toEqual([true, false, false]);
  });
});

describe('compileRule: what the predicate does with the facts', () => {
  it('only reads RuleFacts properties and calls its two methods: no other read, no write', () => {
    const allowed = new Set<PropertyKey>([...Object.keys(gold), 'hasChannel', 'hasIdentifierType']);
    allowed.delete('channels');
    allowed.delete('identifierTypes');
    const read = new Set<PropertyKey>();
    const row = new RowFacts([gold]);
    const guarded = new Proxy(row, {
      get(target, key) {
        if (!allowed.has(key)) throw new Error(`read ${String(key)}`);
        read.add(key);
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
      set(_target, key) {
        throw new Error(`write ${String(key)}`);
      },
      defineProperty(_target, key) {
        throw new Error(`define ${String(key)}`);
      },
    });
    const everyField =
      'recencyDays > 1 AND frequency > 1 AND monetary > 1 AND rScore > 1 AND fScore > 1 AND ' +
      'mScore > 1 AND totalPoints > 1 AND birthdayMonth > 1 AND level IS NOT NULL AND ' +
      'gender IN ("F") AND registerChannel != "x" AND registerDate > "2000-01-01" AND ' +
      'channels CONTAINS "app" AND identifierTypes CONTAINS ALL ("member_id", "union_id")';
    expect(compileRule(parseRule(everyField))(guarded)).toBe(true);
    expect([...read].sort()).toEqual([...allowed].sort());
  });
});
