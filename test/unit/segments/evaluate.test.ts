import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countExpression, evaluate } from '../../../src/segments/evaluate.js';
import { parseExpression } from '../../../src/segments/expression/parser.js';
import { RoaringBitmap32 } from '../../../src/segments/roaring.js';
import { TagCatalog } from '../../../src/segments/tag-catalog.js';
import { exprArbitrary } from './arbitraries.js';
import { expectExpressionError } from './expect-input-error.js';
import { naiveEvaluate } from './naive-evaluate.js';

const FAR = 4_000_000_000;

/** Small fixtures under their display names; `freeze()` makes any write to them throw. */
function fixtures(): TagCatalog {
  return new TagCatalog(
    Object.entries({
      'At Risk': [2, 4, 5, 6, 8, 9, 10],
      'High Value': [1, 2, 3, 4, 5],
      'Loyal Customers': [4, 5, 6, 7],
      channel_app: [1, 2, 4, 8],
      channel_miniapp: [3, 4, 9],
      channel_online_retail: [10, FAR],
    }).map(([name, ids]) => [name, new RoaringBitmap32(ids).freeze()] as const),
  );
}

describe('evaluate and countExpression on fixtures', () => {
  const catalog = fixtures();
  const cases: [string, number[]][] = [
    ['AtRisk AND HighValue', [2, 4, 5]],
    ['"At Risk" ANDNOT channel_app', [5, 6, 9, 10]],
    ['LoyalCustomers XOR high_value', [1, 2, 3, 6, 7]],
    ['LoyalCustomers OR channel_miniapp', [3, 4, 5, 6, 7, 9]],
    ['ALL(AtRisk, HighValue, LoyalCustomers)', [4, 5]],
    ['ALL(AtRisk, channel_online_retail, channel_miniapp)', []],
    ['ANY(channel_app, channel_miniapp, channel_online_retail)', [1, 2, 3, 4, 8, 9, 10, FAR]],
    ['ANY(channel_app, channel_miniapp)', [1, 2, 3, 4, 8, 9]],
    ['ALL(AtRisk, HighValue)', [2, 4, 5]],
    ['ANY(channel_online_retail)', [10, FAR]],
    ['ALL(channel_online_retail)', [10, FAR]],
    ['at_risk AND high_value OR channel_online_retail', [2, 4, 5, 10, FAR]],
    ['AtRisk ANDNOT HighValue AND LoyalCustomers', [6]],
    ['AtRisk ANDNOT (HighValue AND LoyalCustomers)', [2, 6, 8, 9, 10]],
    ['(AtRisk AND HighValue) ANDNOT (channel_app OR channel_miniapp)', [5]],
    ['HighValue XOR AtRisk XOR LoyalCustomers', [1, 3, 4, 5, 7, 8, 9, 10]],
    ['channel_app', [1, 2, 4, 8]],
  ];

  it.each(cases)('%s', (text, ids) => {
    const ast = parseExpression(text);
    expect(evaluate(ast, catalog.lookup).toArray()).toEqual(ids);
    expect(countExpression(ast, catalog.lookup)).toBe(ids.length);
  });

  it('returns a new bitmap the caller may modify, even for a single tag', () => {
    const result = evaluate(parseExpression('channel_app'), catalog.lookup);
    expect(result).not.toBe(catalog.lookup('channel_app'));
    expect(result.isFrozen).toBe(false);
    result.add(99);
    expect(catalog.lookup('channel_app')?.toArray()).toEqual([1, 2, 4, 8]);
  });
});

describe('evaluate avoids needless copies', () => {
  afterEach(() => vi.restoreAllMocks());
  const catalog = fixtures();

  it('counts a binary operation on two stored bitmaps without materializing anything', () => {
    const spies = (['and', 'or', 'andNot', 'xor', 'orMany'] as const).map((name) =>
      vi.spyOn(RoaringBitmap32, name),
    );
    const cardinality = vi.spyOn(RoaringBitmap32.prototype, 'andNotCardinality');
    expect(countExpression(parseExpression('AtRisk ANDNOT channel_app'), catalog.lookup)).toBe(4);
    expect(cardinality).toHaveBeenCalledTimes(1);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('computes (A AND B) ANDNOT C with one new bitmap, then in place', () => {
    const and = vi.spyOn(RoaringBitmap32, 'and');
    const andNot = vi.spyOn(RoaringBitmap32, 'andNot');
    const inPlace = vi.spyOn(RoaringBitmap32.prototype, 'andNotInPlace');
    expect(
      evaluate(
        parseExpression('(AtRisk AND HighValue) ANDNOT channel_app'),
        catalog.lookup,
      ).toArray(),
    ).toEqual([5]);
    expect(and).toHaveBeenCalledTimes(1);
    expect(inPlace).toHaveBeenCalledTimes(1);
    expect(andNot).not.toHaveBeenCalled();
  });

  it('intersects ALL starting from the smallest bitmap', () => {
    const and = vi.spyOn(RoaringBitmap32, 'and');
    evaluate(parseExpression('ALL(AtRisk, HighValue, channel_online_retail)'), catalog.lookup);
    expect(and).toHaveBeenCalledTimes(1);
    expect(and.mock.calls[0]?.[0]).toBe(catalog.lookup('channel_online_retail'));
    expect(and.mock.calls[0]?.[1]).toBe(catalog.lookup('High Value'));
  });

  it('unites ANY with one orMany call', () => {
    const orMany = vi.spyOn(RoaringBitmap32, 'orMany');
    const or = vi.spyOn(RoaringBitmap32, 'or');
    evaluate(parseExpression('ANY(AtRisk, HighValue, channel_app)'), catalog.lookup);
    expect(orMany).toHaveBeenCalledTimes(1);
    expect(or).not.toHaveBeenCalled();
  });
});

describe('unknown tags', () => {
  afterEach(() => vi.restoreAllMocks());
  const catalog = fixtures();

  it('names the first unknown tag, its position and the known tags, before any set operation', () => {
    const and = vi.spyOn(RoaringBitmap32, 'and');
    const ast = parseExpression('AtRisk AND Foo OR Bar');
    for (const run of [
      () => evaluate(ast, catalog.lookup, catalog.names),
      () => countExpression(ast, catalog.lookup, catalog.names),
    ]) {
      expectExpressionError(
        run,
        'Unknown tag "Foo" at position 11. Known tags: "At Risk", "channel_app", "channel_miniapp", ' +
          '"channel_online_retail", "High Value", "Loyal Customers".',
        { tag: 'Foo', position: 11 },
      );
    }
    expect(and).not.toHaveBeenCalled();
  });

  it('lists at most 20 known tags', () => {
    const many = Array.from({ length: 25 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const listed = many
      .slice(0, 20)
      .map((name) => `"${name}"`)
      .join(', ');
    expectExpressionError(
      () => evaluate(parseExpression('ANY(t01, "x y")'), () => undefined, many),
      `Unknown tag "t01" at position 4. Known tags: ${listed}, and 5 more.`,
      { tag: 't01', position: 4 },
    );
  });

  it('says so when no tags are known', () => {
    expectExpressionError(
      () => countExpression(parseExpression('"x y"'), () => undefined),
      'Unknown tag "x y" at position 0. No tags are known.',
      {
        tag: 'x y',
        position: 0,
      },
    );
  });
});

describe('evaluate agrees with a naive Set evaluator', () => {
  const NAMES = ['a', 'b', 'c', 'd', 'e'];
  // Values around container boundaries, plus dense runs so that array, bitset and run containers all occur.
  const id = fc.oneof(
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 65_400, max: 65_700 }),
    fc.integer({ min: 0xffff_ff00, max: 0xffff_ffff }),
  );
  const run = fc.record({
    start: fc.integer({ min: 0, max: 200_000 }),
    length: fc.integer({ min: 0, max: 6_000 }),
  });
  const idSet = fc
    .record({
      ids: fc.array(id, { maxLength: 40 }),
      runs: fc.array(run, { maxLength: 2 }),
      optimize: fc.boolean(),
    })
    .map(({ ids, runs, optimize }) => ({
      ids: new Set([
        ...ids,
        ...runs.flatMap(({ start, length }) => Array.from({ length }, (_, i) => start + i)),
      ]),
      optimize,
    }));
  const world = fc.tuple(...NAMES.map(() => idSet));

  it(
    'for random expressions over random bitmaps, without modifying the stored bitmaps',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(world, exprArbitrary(NAMES), (sets, ast) => {
          const byName = new Map(NAMES.map((name, i) => [name, sets[i]?.ids ?? new Set<number>()]));
          const stored = new Map(
            NAMES.map((name, i) => {
              const bitmap = new RoaringBitmap32(byName.get(name) ?? []);
              if (sets[i]?.optimize) bitmap.runOptimize();
              return [name, bitmap.freeze()];
            }),
          );
          const before = new Map([...stored].map(([name, bitmap]) => [name, bitmap.clone()]));
          const expected = new RoaringBitmap32(naiveEvaluate(ast, byName));

          const result = evaluate(ast, (name) => stored.get(name));
          expect(result.isEqual(expected), 'evaluate() differs from the naive result').toBe(true);
          expect(countExpression(ast, (name) => stored.get(name))).toBe(expected.size);
          expect([...stored.values()]).not.toContain(result);
          for (const [name, bitmap] of stored)
            expect(bitmap.isEqual(before.get(name) ?? new RoaringBitmap32())).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
  );
});
