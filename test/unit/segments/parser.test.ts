import { describe, expect, it } from 'vitest';
import {
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING,
  parseExpression,
} from '../../../src/segments/expression/parser.js';
import { expectExpressionError } from './expect-input-error.js';
import { show } from './show.js';

const parsed = (text: string): string => show(parseExpression(text));

describe('parseExpression: structure', () => {
  it('parses a single tag with its position', () => {
    expect(parseExpression('  AtRisk ')).toEqual({ kind: 'tag', name: 'AtRisk', pos: 2 });
  });

  it('binds AND and ANDNOT tighter than XOR, and XOR tighter than OR', () => {
    expect(parsed('a OR b AND c')).toBe('(a OR (b AND c))');
    expect(parsed('a AND b OR c')).toBe('((a AND b) OR c)');
    expect(parsed('a XOR b AND c')).toBe('(a XOR (b AND c))');
    expect(parsed('a ANDNOT b XOR c')).toBe('((a ANDNOT b) XOR c)');
    expect(parsed('a OR b XOR c')).toBe('(a OR (b XOR c))');
    expect(parsed('a XOR b OR c')).toBe('((a XOR b) OR c)');
    expect(parsed('a OR b XOR c AND d ANDNOT e OR f')).toBe(
      '((a OR (b XOR ((c AND d) ANDNOT e))) OR f)',
    );
  });

  it('is left-associative at every level, with AND and ANDNOT at one level', () => {
    expect(parsed('a ANDNOT b ANDNOT c')).toBe('((a ANDNOT b) ANDNOT c)');
    expect(parsed('a ANDNOT b AND c')).toBe('((a ANDNOT b) AND c)');
    expect(parsed('a AND b ANDNOT c')).toBe('((a AND b) ANDNOT c)');
    expect(parsed('a XOR b XOR c')).toBe('((a XOR b) XOR c)');
    expect(parsed('a OR b OR c')).toBe('((a OR b) OR c)');
  });

  it('lets parentheses override precedence', () => {
    expect(parsed('(a OR b) AND c')).toBe('((a OR b) AND c)');
    expect(parsed('a ANDNOT (b ANDNOT c)')).toBe('(a ANDNOT (b ANDNOT c))');
    expect(parsed('((a))')).toBe('a');
  });

  it('reads keywords in any case', () => {
    expect(parsed('a and b Or c xor d AndNot e')).toBe('((a AND b) OR (c XOR (d ANDNOT e)))');
  });

  it('takes quoted tags verbatim, keywords included', () => {
    expect(parseExpression('"At Risk" AND "OR"')).toEqual({
      kind: 'binary',
      op: 'AND',
      left: { kind: 'tag', name: 'At Risk', pos: 0 },
      right: { kind: 'tag', name: 'OR', pos: 14 },
    });
    expect(parsed('"say \\"hi\\"" OR "back\\\\slash"')).toBe('(say "hi" OR back\\slash)');
  });

  it('parses ALL and ANY groups with any number of arguments, in any case', () => {
    expect(parsed('ALL(a, b OR c, ANY(d))')).toBe('ALL[a (b OR c) ANY[d]]');
    expect(parsed('any ( a )')).toBe('ANY[a]');
    expect(parsed('All(a,b) ANDNOT c')).toBe('(ALL[a b] ANDNOT c)');
  });

  it('reads ALL and ANY as tag names when no "(" follows', () => {
    expect(parsed('ALL AND any')).toBe('(ALL AND any)');
    expect(parseExpression('x OR All')).toEqual({
      kind: 'binary',
      op: 'OR',
      left: { kind: 'tag', name: 'x', pos: 0 },
      right: { kind: 'tag', name: 'All', pos: 5 },
    });
  });

  it('records the position of each tag', () => {
    const ast = parseExpression('ALL( a ,"b c")');
    expect(ast).toEqual({
      kind: 'group',
      op: 'ALL',
      args: [
        { kind: 'tag', name: 'a', pos: 5 },
        { kind: 'tag', name: 'b c', pos: 8 },
      ],
    });
  });

  it(`accepts ${MAX_NESTING} levels of nesting and ${MAX_EXPRESSION_LENGTH} characters`, () => {
    expect(parsed(`${'('.repeat(MAX_NESTING)}a${')'.repeat(MAX_NESTING)}`)).toBe('a');
    expect(parsed(`${'ALL('.repeat(MAX_NESTING)}a${')'.repeat(MAX_NESTING)}`)).toMatch(/^ALL\[/);
    const long = `a${' OR a'.repeat(1999)}`.padEnd(MAX_EXPRESSION_LENGTH, ' ');
    expect(long).toHaveLength(MAX_EXPRESSION_LENGTH);
    expect(parseExpression(long).kind).toBe('binary');
  });
});

describe('parseExpression: errors', () => {
  const cases: [text: string, message: string, position: number][] = [
    ['', 'Expression is empty.', 0],
    [' \t ', 'Expression is empty.', 0],
    ['(AtRisk AND Loyal', 'Expected ")" at position 17 but found end of expression.', 17],
    ['(a b)', 'Expected ")" at position 3 but found tag "b".', 3],
    ['a AND', 'Expected a tag, "(", ALL( or ANY( at position 5 but found end of expression.', 5],
    ['AND a', 'Expected a tag, "(", ALL( or ANY( at position 0 but found operator AND.', 0],
    ['a or or b', 'Expected a tag, "(", ALL( or ANY( at position 5 but found operator OR.', 5],
    ['()', 'Expected a tag, "(", ALL( or ANY( at position 1 but found ")".', 1],
    [')', 'Expected a tag, "(", ALL( or ANY( at position 0 but found ")".', 0],
    ['a AND ,', 'Expected a tag, "(", ALL( or ANY( at position 6 but found ",".', 6],
    ['ALL()', 'Expected a tag, "(", ALL( or ANY( at position 4 but found ")".', 4],
    ['ANY(a, )', 'Expected a tag, "(", ALL( or ANY( at position 7 but found ")".', 7],
    ['ANY(a b)', 'Expected "," or ")" at position 6 but found tag "b".', 6],
    ['ALL(a, b', 'Expected "," or ")" at position 8 but found end of expression.', 8],
    ['a b', 'Expected an operator or end of expression at position 2 but found tag "b".', 2],
    ['a "b"', 'Expected an operator or end of expression at position 2 but found tag "b".', 2],
    ['a )', 'Expected an operator or end of expression at position 2 but found ")".', 2],
    ['a, b', 'Expected an operator or end of expression at position 1 but found ",".', 1],
    ['a (b)', 'Expected an operator or end of expression at position 2 but found "(".', 2],
    ['ALL (a) (b)', 'Expected an operator or end of expression at position 8 but found "(".', 8],
    ['a AND #', 'Unexpected character "#" at position 6.', 6],
    ['a AND "b', 'Unterminated quoted tag starting at position 6.', 6],
  ];

  it.each(cases)('%j fails with its position', (text, message, position) => {
    expectExpressionError(() => parseExpression(text), message, { position });
  });

  it(`rejects nesting deeper than ${MAX_NESTING} levels at the offending parenthesis`, () => {
    const depth = MAX_NESTING + 1;
    expectExpressionError(
      () => parseExpression(`${'('.repeat(depth)}a${')'.repeat(depth)}`),
      `Expression nests deeper than ${MAX_NESTING} levels at position ${MAX_NESTING}.`,
      { position: MAX_NESTING },
    );
    expectExpressionError(
      () => parseExpression(`${'ANY('.repeat(depth)}a${')'.repeat(depth)}`),
      `Expression nests deeper than ${MAX_NESTING} levels at position ${MAX_NESTING * 4 + 3}.`,
      { position: MAX_NESTING * 4 + 3 },
    );
  });

  it(`rejects expressions longer than ${MAX_EXPRESSION_LENGTH} characters`, () => {
    expectExpressionError(
      () => parseExpression('a'.repeat(MAX_EXPRESSION_LENGTH + 1)),
      `Expression is longer than ${MAX_EXPRESSION_LENGTH} characters (position ${MAX_EXPRESSION_LENGTH}).`,
      { position: MAX_EXPRESSION_LENGTH },
    );
  });
});
