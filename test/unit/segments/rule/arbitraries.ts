import fc from 'fast-check';
import type { CompareOp, Literal, RuleAst } from '../../../../src/segments/rule/ast.js';
import {
  RULE_FIELDS,
  type RuleField,
  type RuleFieldName,
} from '../../../../src/segments/rule/fields.js';
import type { PlainFacts } from './plain-facts.js';

/**
 * Values drawn from small pools, so that generated rules and generated persons meet often:
 * the literals sit on and around the facts' values (cents included), strings need escaping.
 */
const NUMBERS = [
  '0',
  '1',
  '3',
  '5',
  '30',
  '200',
  '-1',
  '0.5',
  '1.005',
  '299.99',
  '299.995',
  '300',
  '300.01',
  '2.5',
];
const STRINGS = ['gold', 'Gold', 'silver', '', 'F', 'app', 'a"b\\c', "it's\n\ttab\r"];
const DATES = ['2023-12-31', '2024-01-01', '2024-02-29', '2024-06-15'];
const MEMBERS = ['app', 'wechat', 'store', 'device_id', 'union_id', 'member_id', 'x"y'];
const COMPARE_OPS: CompareOp[] = ['=', '!=', '<', '<=', '>', '>='];

/** A canonical number literal (as the lexer makes it): random integers and decimals too. */
const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -100_000, max: 100_000 }).map(String),
  fc
    .tuple(fc.boolean(), fc.nat(100_000), fc.integer({ min: 1, max: 9999 }))
    .map(([negative, whole, fraction]) => {
      const digits = String(fraction).padStart(4, '0').replace(/0+$/, '');
      return `${negative ? '-' : ''}${whole}.${digits}`;
    }),
);

const number = (text: string): Literal => ({ kind: 'number', text, value: Number(text) });
const string = (value: string): Literal => ({ kind: 'string', value });

function literalOf(field: RuleField): fc.Arbitrary<Literal> {
  switch (field.type) {
    case 'number':
      return field.range
        ? fc.integer(field.range).map((n) => number(String(n)))
        : numberText.map(number);
    case 'date':
      return fc.constantFrom(...DATES).map(string);
    case 'string':
      return fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 4 })).map(string);
    case 'set':
      return fc.constantFrom(...MEMBERS).map(string);
  }
}

function comparisonOf(field: RuleField & { name: RuleFieldName }): fc.Arbitrary<RuleAst> {
  const name = field.name;
  const values = fc.array(literalOf(field), { minLength: 1, maxLength: 4 });
  if (field.type === 'set') {
    const strings = values.map((list) => list.map((l) => (l.kind === 'string' ? l.value : '')));
    return fc.oneof(
      literalOf(field).map((l): RuleAst => ({
        kind: 'contains',
        field: name,
        quantifier: 'ONE',
        values: [l.kind === 'string' ? l.value : ''],
        pos: 0,
      })),
      fc
        .record({ quantifier: fc.constantFrom<'ANY' | 'ALL'>('ANY', 'ALL'), values: strings })
        .map((node): RuleAst => ({ kind: 'contains', field: name, ...node, pos: 0 })),
    );
  }
  const ops = field.type === 'string' ? COMPARE_OPS.slice(0, 2) : COMPARE_OPS;
  return fc.oneof(
    fc
      .record({ op: fc.constantFrom(...ops), value: literalOf(field) })
      .map((node): RuleAst => ({ kind: 'compare', field: name, ...node, pos: 0 })),
    fc
      .record({ negated: fc.boolean(), values })
      .map((node): RuleAst => ({ kind: 'in', field: name, ...node, pos: 0 })),
    fc.boolean().map((negated): RuleAst => ({ kind: 'null', field: name, negated, pos: 0 })),
  );
}

/** Random well-typed rule trees over every field (positions are 0: only structure matters). */
export const ruleArbitrary: fc.Arbitrary<RuleAst> = fc.letrec<{ rule: RuleAst }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(...RULE_FIELDS.map(comparisonOf)),
    fc.boolean().map((value): RuleAst => ({ kind: 'constant', value })),
    tie('rule').map((operand): RuleAst => ({ kind: 'not', operand })),
    fc
      .record({
        op: fc.constantFrom<'AND' | 'OR'>('AND', 'OR'),
        left: tie('rule'),
        right: tie('rule'),
      })
      .map((node): RuleAst => ({ kind: 'binary', ...node })),
  ),
})).rule;

const orNull = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.option(arb, { nil: null, freq: 4 });
const small = (values: number[]) =>
  orNull(fc.oneof(fc.constantFrom(...values), fc.integer({ min: -5, max: 400 })));
const score = orNull(fc.integer({ min: 1, max: 5 }));

/** Random persons near the pools' values, with nulls. */
export const factsArbitrary: fc.Arbitrary<PlainFacts> = fc.record({
  recencyDays: small([0, 30, 199, 200, 201]),
  frequency: small([0, 1, 2, 3]),
  monetaryCents: orNull(
    fc.oneof(
      fc.constantFrom(0, 50, 100, 101, 29_999, 30_000, 30_001, -100),
      fc.integer({ min: -1000, max: 10_000_000 }),
    ),
  ),
  rScore: score,
  fScore: score,
  mScore: score,
  totalPoints: small([0, 1, 5, 200]),
  birthdayMonth: orNull(fc.integer({ min: 1, max: 12 })),
  level: orNull(fc.constantFrom(...STRINGS)),
  gender: orNull(fc.constantFrom('F', 'M', '')),
  registerChannel: orNull(fc.constantFrom('app', 'store', 'Gold')),
  registerDate: orNull(fc.constantFrom(...DATES, '2025-03-01')),
  channels: fc.subarray(['app', 'wechat', 'store', 'x"y']),
  identifierTypes: fc.subarray(['device_id', 'union_id', 'member_id']),
});
