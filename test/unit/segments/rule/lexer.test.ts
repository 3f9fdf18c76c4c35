import { describe, expect, it } from 'vitest';
import { MAX_INTEGER_DIGITS, tokenize } from '../../../../src/segments/rule/lexer.js';
import { expectRuleError } from './expect-rule-error.js';

const kinds = (text: string): string[] =>
  tokenize(text, 'rule').map((t) => {
    switch (t.kind) {
      case 'word':
        return t.text;
      case 'number':
        return `#${t.literal.text}`;
      case 'string':
        return `s:${t.value}`;
      case 'operator':
        return t.op;
      default:
        return t.kind;
    }
  });

describe('tokenize (rule)', () => {
  it('returns words, numbers, strings, operators and punctuation with 0-based offsets', () => {
    expect(tokenize('level IN ("gold") AND monetary>=300', 'rule')).toEqual([
      { kind: 'word', text: 'level', pos: 0 },
      { kind: 'word', text: 'IN', pos: 6 },
      { kind: '(', pos: 9 },
      { kind: 'string', value: 'gold', pos: 10 },
      { kind: ')', pos: 16 },
      { kind: 'word', text: 'AND', pos: 18 },
      { kind: 'word', text: 'monetary', pos: 22 },
      { kind: 'operator', op: '>=', pos: 30 },
      { kind: 'number', literal: { kind: 'number', text: '300', value: 300 }, pos: 32 },
      { kind: 'end', pos: 35 },
    ]);
  });

  it('reads the six comparison operators, longest first', () => {
    expect(kinds('a=1 a!=1 a<1 a<=1 a>1 a>=1').filter((k) => /^[=!<>]/.test(k))).toEqual([
      '=',
      '!=',
      '<',
      '<=',
      '>',
      '>=',
    ]);
  });

  it('makes numbers canonical: leading and trailing zeros, and minus zero, go', () => {
    expect(kinds('007 300.00 -0 -0.50 0.0 1.250 -12')).toEqual([
      '#7',
      '#300',
      '#0',
      '#-0.5',
      '#0',
      '#1.25',
      '#-12',
      'end',
    ]);
  });

  it('reads strings in double and single quotes with escapes', () => {
    expect(kinds(`"a\\"b" 'it\\'s' "\\\\ \\n\\t\\r" '"' "'" ""`)).toEqual([
      's:a"b',
      "s:it's",
      's:\\ \n\t\r',
      's:"',
      "s:'",
      's:',
      'end',
    ]);
  });

  it('puts the end token at the text length', () => {
    expect(tokenize(' \t\n', 'rule')).toEqual([{ kind: 'end', pos: 3 }]);
  });

  it('rejects characters outside the language, naming the given field', () => {
    expectRuleError(
      () => tokenize('level # 1', 'rule'),
      'Unexpected character "#" at position 6.',
      6,
    );
    expectRuleError(
      () => tokenize('x = - 1', 'def.rule'),
      'Unexpected character "-" at position 4.',
      4,
      'def.rule',
    );
    expectRuleError(() => tokenize('x = .5', 'rule'), 'Unexpected character "." at position 4.', 4);
    expectRuleError(() => tokenize('x = 5.', 'rule'), 'Unexpected character "." at position 5.', 5);
    expectRuleError(() => tokenize('x ! 1', 'rule'), 'Unexpected character "!" at position 2.', 2);
  });

  it('rejects an unterminated string, including one ending in a backslash', () => {
    expectRuleError(
      () => tokenize('level = "gold', 'rule'),
      'Unterminated string starting at position 8.',
      8,
    );
    expectRuleError(
      () => tokenize('level = \'gold"', 'rule'),
      'Unterminated string starting at position 8.',
      8,
    );
    expectRuleError(
      () => tokenize('"x\\', 'rule'),
      'Unterminated string starting at position 0.',
      0,
    );
  });

  it('rejects other escapes and names the escape position', () => {
    expectRuleError(
      () => tokenize('level = "a\\xb"', 'rule'),
      'Invalid escape "\\x" at position 10: only \\\\, \\", \\\', \\n, \\t and \\r are allowed in a string.',
      10,
    );
  });

  it(`rejects a number with more than ${MAX_INTEGER_DIGITS} digits before the point`, () => {
    expect(kinds(`x = ${'9'.repeat(MAX_INTEGER_DIGITS)}.99`)[2]).toBe(
      `#${'9'.repeat(MAX_INTEGER_DIGITS)}.99`,
    );
    expect(kinds(`x = 000${'9'.repeat(MAX_INTEGER_DIGITS)}`)[2]).toBe(
      `#${'9'.repeat(MAX_INTEGER_DIGITS)}`,
    );
    expectRuleError(
      () => tokenize(`x = -1${'0'.repeat(MAX_INTEGER_DIGITS)}`, 'rule'),
      `Number at position 4 is too large: at most ${MAX_INTEGER_DIGITS} digits before the decimal point.`,
      4,
    );
  });
});
