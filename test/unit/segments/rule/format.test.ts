import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRule } from '../../../../src/segments/rule/format.js';
import { parseRule } from '../../../../src/segments/rule/parser.js';
import { ruleArbitrary } from './arbitraries.js';
import { withoutPositions } from './without-positions.js';

describe('formatRule', () => {
  it('prints canonical text: upper-case keywords, double quotes, canonical numbers', () => {
    const cases: [string, string][] = [
      [
        "recencyDays<=200 and monetary>=300.00 and level in ('gold','silver')",
        'recencyDays <= 200 AND monetary >= 300 AND level IN ("gold", "silver")',
      ],
      ['not level is not null', 'NOT level IS NOT NULL'],
      [
        "channels contains any ('app') or channels contains 'x'",
        'channels CONTAINS ANY ("app") OR channels CONTAINS "x"',
      ],
      ['identifierTypes Contains All ("a","b")', 'identifierTypes CONTAINS ALL ("a", "b")'],
      ['gender not in ("F")', 'gender NOT IN ("F")'],
      ['totalPoints > -007.50', 'totalPoints > -7.5'],
      ['true or false', 'TRUE OR FALSE'],
    ];
    for (const [input, output] of cases) expect(formatRule(parseRule(input))).toBe(output);
  });

  it('adds parentheses only where precedence and left-associativity need them', () => {
    const cases: [string, string][] = [
      ['TRUE OR FALSE AND TRUE', 'TRUE OR FALSE AND TRUE'],
      ['(TRUE OR FALSE) AND TRUE', '(TRUE OR FALSE) AND TRUE'],
      ['((TRUE AND FALSE)) OR (TRUE)', 'TRUE AND FALSE OR TRUE'],
      ['TRUE AND (FALSE AND TRUE)', 'TRUE AND (FALSE AND TRUE)'],
      ['(TRUE AND FALSE) AND TRUE', 'TRUE AND FALSE AND TRUE'],
      ['TRUE OR (FALSE OR TRUE)', 'TRUE OR (FALSE OR TRUE)'],
      ['NOT (TRUE OR FALSE)', 'NOT (TRUE OR FALSE)'],
      ['NOT (NOT (TRUE))', 'NOT NOT TRUE'],
      ['(NOT TRUE) AND FALSE', 'NOT TRUE AND FALSE'],
    ];
    for (const [input, output] of cases) expect(formatRule(parseRule(input))).toBe(output);
  });

  it('escapes backslashes, double quotes and control characters in strings', () => {
    const text = formatRule(parseRule(`level = 'a"b\\\\c\\'d\\n\\t\\r'`));
    expect(text).toBe('level = "a\\"b\\\\c\'d\\n\\t\\r"');
    expect(parseRule(text)).toEqual(parseRule(`level = 'a"b\\\\c\\'d\\n\\t\\r'`));
  });

  it('round-trips through parseRule for random rules', () => {
    fc.assert(
      fc.property(ruleArbitrary, (ast) => {
        const text = formatRule(ast);
        expect(withoutPositions(parseRule(text))).toEqual(withoutPositions(ast));
        expect(formatRule(parseRule(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
