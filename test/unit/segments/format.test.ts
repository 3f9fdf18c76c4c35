import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExpression } from '../../../src/segments/expression/format.js';
import { parseExpression } from '../../../src/segments/expression/parser.js';
import { exprArbitrary } from './arbitraries.js';
import { shape } from './show.js';

describe('formatExpression', () => {
  it('adds parentheses only where precedence and left-associativity need them', () => {
    const cases: [string, string][] = [
      ['a OR b AND c', 'a OR b AND c'],
      ['(a OR b) AND c', '(a OR b) AND c'],
      ['a ANDNOT (b ANDNOT c)', 'a ANDNOT (b ANDNOT c)'],
      ['(a ANDNOT b) ANDNOT c', 'a ANDNOT b ANDNOT c'],
      ['a XOR (b OR c)', 'a XOR (b OR c)'],
      ['all(a,  (b))', 'ALL(a, b)'],
    ];
    for (const [input, output] of cases)
      expect(formatExpression(parseExpression(input))).toBe(output);
  });

  it('quotes tags that are not plain words or that spell a keyword', () => {
    const text = formatExpression(
      parseExpression('"At Risk" OR "and" OR "any" OR "q\\"\\\\" OR channel_app'),
    );
    expect(text).toBe('"At Risk" OR "and" OR "any" OR "q\\"\\\\" OR channel_app');
  });

  it('round-trips through parseExpression for random trees', () => {
    const names = ['a', 'B_2', 'At Risk', 'OR', 'all', 'x"y\\z'];
    fc.assert(
      fc.property(exprArbitrary(names), (ast) => {
        expect(shape(parseExpression(formatExpression(ast)))).toEqual(shape(ast));
      }),
      { numRuns: 300 },
    );
  });
});
