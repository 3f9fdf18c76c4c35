import { describe, expect, it } from 'vitest';
import type { RuleAst } from '../../../../src/segments/rule/ast.js';
import { RULE_FIELDS } from '../../../../src/segments/rule/fields.js';
import {
  MAX_RULE_LENGTH,
  MAX_RULE_NESTING,
  parseRule,
} from '../../../../src/segments/rule/parser.js';
import { expectRuleError } from './expect-rule-error.js';

/** A fully parenthesized rendering that makes the tree shape visible in assertions. */
function show(ast: RuleAst): string {
  switch (ast.kind) {
    case 'constant':
      return String(ast.value);
    case 'not':
      return `!${show(ast.operand)}`;
    case 'binary':
      return `(${show(ast.left)} ${ast.op} ${show(ast.right)})`;
    case 'compare':
      return `${ast.field}${ast.op}${ast.value.kind === 'number' ? ast.value.text : JSON.stringify(ast.value.value)}`;
    case 'in':
      return `${ast.field}${ast.negated ? '∉' : '∈'}[${ast.values.map((v) => (v.kind === 'number' ? v.text : v.value)).join(' ')}]`;
    case 'null':
      return `${ast.field}${ast.negated ? '≠' : '='}null`;
    case 'contains':
      return `${ast.field}∋${ast.quantifier}[${ast.values.join(' ')}]`;
  }
}

const parsed = (text: string): string => show(parseRule(text));
const KNOWN = RULE_FIELDS.map((f) => f.name).join(', ');

describe('parseRule: structure', () => {
  it("parses the issue's example with every node's position", () => {
    expect(
      parseRule('recencyDays <= 200 AND monetary >= 300 AND level IN ("gold", \'silver\')'),
    ).toEqual({
      kind: 'binary',
      op: 'AND',
      left: {
        kind: 'binary',
        op: 'AND',
        left: {
          kind: 'compare',
          field: 'recencyDays',
          op: '<=',
          value: { kind: 'number', text: '200', value: 200 },
          pos: 0,
        },
        right: {
          kind: 'compare',
          field: 'monetary',
          op: '>=',
          value: { kind: 'number', text: '300', value: 300 },
          pos: 23,
        },
      },
      right: {
        kind: 'in',
        field: 'level',
        negated: false,
        values: [
          { kind: 'string', value: 'gold' },
          { kind: 'string', value: 'silver' },
        ],
        pos: 43,
      },
    });
  });

  it('binds NOT tighter than AND, and AND tighter than OR; both are left-associative', () => {
    expect(parsed('frequency = 1 OR frequency = 2 AND frequency = 3')).toBe(
      '(frequency=1 OR (frequency=2 AND frequency=3))',
    );
    expect(parsed('frequency = 1 AND frequency = 2 OR frequency = 3')).toBe(
      '((frequency=1 AND frequency=2) OR frequency=3)',
    );
    expect(parsed('NOT frequency = 1 AND frequency = 2')).toBe('(!frequency=1 AND frequency=2)');
    expect(parsed('NOT NOT TRUE OR FALSE')).toBe('(!!true OR false)');
    expect(parsed('TRUE AND FALSE AND TRUE')).toBe('((true AND false) AND true)');
    expect(parsed('TRUE OR FALSE OR TRUE')).toBe('((true OR false) OR true)');
  });

  it('lets parentheses override precedence', () => {
    expect(parsed('(TRUE OR FALSE) AND FALSE')).toBe('((true OR false) AND false)');
    expect(parsed('NOT (TRUE AND FALSE)')).toBe('!(true AND false)');
    expect(parsed('((rScore = 5))')).toBe('rScore=5');
  });

  it('reads keywords in any case, but field names only as catalogued', () => {
    expect(
      parsed('not level is not null And channels contains any ("app") oR gender Not In ("F")'),
    ).toBe('((!level≠null AND channels∋ANY[app]) OR gender∉[F])');
    expect(parsed('true AND False')).toBe('(true AND false)');
  });

  it('parses every comparison form', () => {
    expect(parsed('registerDate >= "2024-02-29"')).toBe('registerDate>="2024-02-29"');
    expect(parsed("registerDate < '2024-01-01'")).toBe('registerDate<"2024-01-01"');
    expect(parsed('gender != ""')).toBe('gender!=""');
    expect(parsed('totalPoints > -12.50')).toBe('totalPoints>-12.5');
    expect(parsed('birthdayMonth IN (1, 12)')).toBe('birthdayMonth∈[1 12]');
    expect(parsed('recencyDays IS NULL')).toBe('recencyDays=null');
    expect(parsed('identifierTypes CONTAINS "union_id"')).toBe('identifierTypes∋ONE[union_id]');
    expect(parsed('channels CONTAINS ALL ("app", \'wechat\')')).toBe('channels∋ALL[app wechat]');
    expect(parsed('registerChannel NOT IN ("store")')).toBe('registerChannel∉[store]');
    expect(parsed('monetary=299.995')).toBe('monetary=299.995');
  });

  it('knows every catalogued field', () => {
    for (const field of RULE_FIELDS) {
      const text = field.type === 'set' ? `${field.name} CONTAINS "x"` : `${field.name} IS NULL`;
      expect(parseRule(text)).toMatchObject({ field: field.name, pos: 0 });
    }
  });

  it(`accepts ${MAX_RULE_NESTING} levels of nesting and ${MAX_RULE_LENGTH} characters`, () => {
    const depth = MAX_RULE_NESTING;
    expect(parsed(`${'('.repeat(depth)}TRUE${')'.repeat(depth)}`)).toBe('true');
    expect(parsed(`${'NOT '.repeat(depth)}TRUE`)).toBe(`${'!'.repeat(depth)}true`);
    expect(parsed(`${'NOT ('.repeat(depth / 2)}TRUE${')'.repeat(depth / 2)}`)).toBe(
      `${'!'.repeat(depth / 2)}true`,
    );
    const long = `rScore = 1${' OR rScore = 1'.repeat(284)}`.padEnd(MAX_RULE_LENGTH, ' ');
    expect(long).toHaveLength(MAX_RULE_LENGTH);
    expect(parseRule(long).kind).toBe('binary');
  });

  it('names the given input field in its errors', () => {
    expectRuleError(() => parseRule('', 'definition.rule'), 'Rule is empty.', 0, 'definition.rule');
  });
});

describe('parseRule: errors', () => {
  const syntax: [text: string, message: string, position: number][] = [
    ['', 'Rule is empty.', 0],
    [' \n ', 'Rule is empty.', 0],
    ['(level = "gold"', 'Expected ")", AND or OR at position 15 but found end of rule.', 15],
    ['(TRUE FALSE)', 'Expected ")", AND or OR at position 6 but found FALSE.', 6],
    [
      'TRUE AND',
      'Expected a field, "(", NOT, TRUE or FALSE at position 8 but found end of rule.',
      8,
    ],
    ['AND TRUE', 'Expected a field, "(", NOT, TRUE or FALSE at position 0 but found AND.', 0],
    ['()', 'Expected a field, "(", NOT, TRUE or FALSE at position 1 but found ")".', 1],
    ['NOT', 'Expected a field, "(", NOT, TRUE or FALSE at position 3 but found end of rule.', 3],
    ['NOT IN ("x")', 'Expected a field, "(", NOT, TRUE or FALSE at position 4 but found IN.', 4],
    [
      '"level" = "x"',
      'Expected a field, "(", NOT, TRUE or FALSE at position 0 but found string "level".',
      0,
    ],
    [
      '5 = rScore',
      'Expected a field, "(", NOT, TRUE or FALSE at position 0 but found number 5.',
      0,
    ],
    ['TRUE FALSE', 'Expected AND, OR or end of rule at position 5 but found FALSE.', 5],
    [
      'rScore = 1 rScore = 2',
      'Expected AND, OR or end of rule at position 11 but found word "rScore".',
      11,
    ],
    ['TRUE )', 'Expected AND, OR or end of rule at position 5 but found ")".', 5],
    [
      'level',
      'Expected an operator (=, !=, <, <=, >, >=, IN, NOT IN, IS or CONTAINS) at position 5 but found end of rule.',
      5,
    ],
    [
      'level LIKE "g%"',
      'Expected an operator (=, !=, <, <=, >, >=, IN, NOT IN, IS or CONTAINS) at position 6 but found word "LIKE".',
      6,
    ],
    ['level NOT = "x"', 'Expected IN at position 10 but found "=".', 10],
    ['level IS 5', 'Expected NOT or NULL at position 9 but found number 5.', 9],
    ['level IS NOT "x"', 'Expected NULL at position 13 but found string "x".', 13],
    ['level IN "gold"', 'Expected "(" at position 9 but found string "gold".', 9],
    ['level IN ()', 'Expected a string for level at position 10 but found ")".', 10],
    ['level IN ("a" "b")', 'Expected "," or ")" at position 14 but found string "b".', 14],
    ['level IN ("a",', 'Expected a string for level at position 14 but found end of rule.', 14],
    ['level IN ("a"', 'Expected "," or ")" at position 13 but found end of rule.', 13],
    [
      'channels CONTAINS',
      'Expected a string, ANY or ALL for channels at position 17 but found end of rule.',
      17,
    ],
    [
      'channels CONTAINS app',
      'Expected a string, ANY or ALL for channels at position 18 but found word "app".',
      18,
    ],
    ['channels CONTAINS ANY "app"', 'Expected "(" at position 22 but found string "app".', 22],
    ['recencyDays == 1', 'Expected a number for recencyDays at position 13 but found "=".', 13],
    ['level = "gold', 'Unterminated string starting at position 8.', 8],
    ['level = "gold" && TRUE', 'Unexpected character "&" at position 15.', 15],
  ];

  it.each(syntax)('malformed %j fails with its position', (text, message, position) => {
    expectRuleError(() => parseRule(text), message, position);
  });

  const types: [text: string, message: string, position: number][] = [
    [
      'level >= 3',
      'Operator >= is not allowed for level (a string) at position 6: use =, !=, IN, NOT IN, IS NULL or IS NOT NULL.',
      6,
    ],
    [
      'gender < "M"',
      'Operator < is not allowed for gender (a string) at position 7: use =, !=, IN, NOT IN, IS NULL or IS NOT NULL.',
      7,
    ],
    [
      'level CONTAINS "g"',
      'Operator CONTAINS is not allowed for level (a string) at position 6: use =, !=, IN, NOT IN, IS NULL or IS NOT NULL.',
      6,
    ],
    [
      'monetary CONTAINS ANY ("1")',
      'Operator CONTAINS is not allowed for monetary (a number) at position 9: use =, !=, <, <=, >, >=, IN, NOT IN, IS NULL or IS NOT NULL.',
      9,
    ],
    [
      'registerDate CONTAINS "2024"',
      'Operator CONTAINS is not allowed for registerDate (a date) at position 13: use =, !=, <, <=, >, >=, IN, NOT IN, IS NULL or IS NOT NULL.',
      13,
    ],
    [
      'channels = "app"',
      'Operator = is not allowed for channels (a set) at position 9: use CONTAINS, CONTAINS ANY or CONTAINS ALL.',
      9,
    ],
    [
      'channels IN ("app")',
      'Operator IN is not allowed for channels (a set) at position 9: use CONTAINS, CONTAINS ANY or CONTAINS ALL.',
      9,
    ],
    [
      'identifierTypes NOT IN ("x")',
      'Operator NOT IN is not allowed for identifierTypes (a set) at position 16: use CONTAINS, CONTAINS ANY or CONTAINS ALL.',
      16,
    ],
    [
      'channels IS NOT NULL',
      'Operator IS NOT NULL is not allowed for channels (a set) at position 9: use CONTAINS, CONTAINS ANY or CONTAINS ALL.',
      9,
    ],
    [
      'recencyDays = "x"',
      'Expected a number for recencyDays at position 14 but found string "x".',
      14,
    ],
    [
      'monetary >= "300"',
      'Expected a number for monetary at position 12 but found string "300".',
      12,
    ],
    [
      'frequency IN (1, "2")',
      'Expected a number for frequency at position 17 but found string "2".',
      17,
    ],
    ['level = 3', 'Expected a string for level at position 8 but found number 3.', 8],
    ['level = gold', 'Expected a string for level at position 8 but found word "gold".', 8],
    ['level = NULL', 'Expected a string for level at position 8 but found NULL.', 8],
    [
      'channels CONTAINS ALL ("app", 1)',
      'Expected a string for channels at position 30 but found number 1.',
      30,
    ],
    [
      'registerDate >= "2024-13-01"',
      'Expected a date "YYYY-MM-DD" for registerDate at position 16 but found string "2024-13-01".',
      16,
    ],
    [
      'registerDate = "2023-02-29"',
      'Expected a date "YYYY-MM-DD" for registerDate at position 15 but found string "2023-02-29".',
      15,
    ],
    [
      'registerDate > "2024-1-1"',
      'Expected a date "YYYY-MM-DD" for registerDate at position 15 but found string "2024-1-1".',
      15,
    ],
    [
      'registerDate NOT IN ("2024-01-01", "yesterday")',
      'Expected a date "YYYY-MM-DD" for registerDate at position 35 but found string "yesterday".',
      35,
    ],
    [
      'registerDate < 20240101',
      'Expected a date "YYYY-MM-DD" for registerDate at position 15 but found number 20240101.',
      15,
    ],
    [
      'birthdayMonth = 13',
      'Expected a whole number from 1 to 12 for birthdayMonth at position 16 but found number 13.',
      16,
    ],
    [
      'birthdayMonth >= 0',
      'Expected a whole number from 1 to 12 for birthdayMonth at position 17 but found number 0.',
      17,
    ],
    [
      'birthdayMonth IN (6, 6.5)',
      'Expected a whole number from 1 to 12 for birthdayMonth at position 21 but found number 6.5.',
      21,
    ],
    [
      'rScore > 5.0 OR fScore = 6',
      'Expected a whole number from 1 to 5 for fScore at position 25 but found number 6.',
      25,
    ],
    [
      'mScore = "5"',
      'Expected a whole number from 1 to 5 for mScore at position 9 but found string "5".',
      9,
    ],
  ];

  it.each(types)('ill-typed %j fails with its position', (text, message, position) => {
    expectRuleError(() => parseRule(text), message, position);
  });

  it('lists the known fields for an unknown one, and suggests the one that differs only in case', () => {
    expectRuleError(
      () => parseRule('level = "gold" AND spend > 3'),
      `Unknown field "spend" at position 19. Known fields: ${KNOWN}.`,
      19,
    );
    expectRuleError(
      () => parseRule('(RECENCYDAYS <= 200)'),
      `Unknown field "RECENCYDAYS" at position 1. Did you mean "recencyDays"? Known fields: ${KNOWN}.`,
      1,
    );
    expectRuleError(
      () => parseRule('NOT monetaryCents > 1'),
      `Unknown field "monetaryCents" at position 4. Known fields: ${KNOWN}.`,
      4,
    );
  });

  it('checks fields left to right: the first problem is reported', () => {
    expectRuleError(
      () => parseRule('level >= 3 AND nope = 1'),
      'Operator >= is not allowed for level (a string) at position 6: use =, !=, IN, NOT IN, IS NULL or IS NOT NULL.',
      6,
    );
  });

  it(`rejects nesting deeper than ${MAX_RULE_NESTING} levels at the offending "(" or NOT`, () => {
    const depth = MAX_RULE_NESTING + 1;
    expectRuleError(
      () => parseRule(`${'('.repeat(depth)}TRUE${')'.repeat(depth)}`),
      `Rule nests deeper than ${MAX_RULE_NESTING} levels at position ${MAX_RULE_NESTING}.`,
      MAX_RULE_NESTING,
    );
    expectRuleError(
      () => parseRule(`${'NOT '.repeat(depth)}TRUE`),
      `Rule nests deeper than ${MAX_RULE_NESTING} levels at position ${MAX_RULE_NESTING * 4}.`,
      MAX_RULE_NESTING * 4,
    );
    expectRuleError(
      () => parseRule(`${'NOT ('.repeat(depth)}TRUE${')'.repeat(depth)}`),
      `Rule nests deeper than ${MAX_RULE_NESTING} levels at position ${(MAX_RULE_NESTING / 2) * 5}.`,
      (MAX_RULE_NESTING / 2) * 5,
    );
  });

  it(`rejects rules longer than ${MAX_RULE_LENGTH} characters before reading them`, () => {
    expectRuleError(
      () => parseRule(`TRUE${' '.repeat(MAX_RULE_LENGTH - 3)}`),
      `Rule is longer than ${MAX_RULE_LENGTH} characters (position ${MAX_RULE_LENGTH}).`,
      MAX_RULE_LENGTH,
    );
    expectRuleError(
      () => parseRule('#'.repeat(MAX_RULE_LENGTH + 1)),
      `Rule is longer than ${MAX_RULE_LENGTH} characters (position ${MAX_RULE_LENGTH}).`,
      MAX_RULE_LENGTH,
    );
  });

  it('quotes at most 64 characters of an offending word or string', () => {
    const long = 'x'.repeat(100);
    expectRuleError(
      () => parseRule(`level = ${long}`),
      `Expected a string for level at position 8 but found word "${'x'.repeat(64)}…".`,
      8,
    );
  });
});
