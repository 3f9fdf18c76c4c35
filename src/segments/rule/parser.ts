/**
 * Parses a rule into a RuleAst, checking every comparison against the field catalog.
 *
 * Grammar, loosest binding first; AND and OR are left-associative; keywords are
 * case-insensitive, field names are not:
 *
 *     or         := and ( OR and )*
 *     and        := not ( AND not )*
 *     not        := NOT not | primary
 *     primary    := "(" or ")" | TRUE | FALSE | comparison
 *     comparison := field ( "=" | "!=" | "<" | "<=" | ">" | ">=" ) literal
 *                 | field [ NOT ] IN list
 *                 | field IS [ NOT ] NULL
 *                 | field CONTAINS ( string | ANY list | ALL list )
 *     list       := "(" literal ( "," literal )* ")"
 *
 * So `NOT a AND b` is `(NOT a) AND b`, and `a OR b AND c` is `a OR (b AND c)`. The keywords
 * (AND, OR, NOT, IN, IS, NULL, TRUE, FALSE, CONTAINS, ANY, ALL) are not field names.
 *
 * Type checks (fields.ts): the operator must be allowed for the field's type, and every
 * literal of the field's type: a number for a number field (a whole number in range for the
 * scores and birthdayMonth), a string for a string or set field, a real "YYYY-MM-DD" date for
 * a date field.
 *
 * Limits: at most MAX_RULE_LENGTH characters and MAX_RULE_NESTING levels of parentheses and
 * NOTs, so that neither the parser nor the compiled rule can exhaust the stack.
 *
 * Throws InputError naming `field` (details `{ position }`, a 0-based character offset, also
 * named in the message) for every malformed or ill-typed rule, including an empty one.
 */
import { parseIsoDate } from '../../dates.js';
import { MAX_RULE, preview } from '../../input-limits.js';
import type { Literal, RuleAst } from './ast.js';
import {
  RULE_FIELDS,
  ruleField,
  ruleFieldIgnoringCase,
  type RuleField,
  type RuleFieldName,
} from './fields.js';
import { tokenize, type Token } from './lexer.js';
import { ruleError } from './rule-error.js';

export const MAX_RULE_LENGTH = MAX_RULE;
export const MAX_RULE_NESTING = 64;

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'IS',
  'NULL',
  'TRUE',
  'FALSE',
  'CONTAINS',
  'ANY',
  'ALL',
]);

/** The operators each type allows, as an error message lists them. */
const ALLOWED: Readonly<Record<RuleField['type'], string>> = {
  number: '=, !=, <, <=, >, >=, IN, NOT IN, IS NULL or IS NOT NULL',
  date: '=, !=, <, <=, >, >=, IN, NOT IN, IS NULL or IS NOT NULL',
  string: '=, !=, IN, NOT IN, IS NULL or IS NOT NULL',
  set: 'CONTAINS, CONTAINS ANY or CONTAINS ALL',
};

type KnownField = RuleField & { readonly name: RuleFieldName };

export function parseRule(text: string, field = 'rule'): RuleAst {
  if (text.length > MAX_RULE_LENGTH) {
    throw ruleError(
      `Rule is longer than ${MAX_RULE_LENGTH} characters (position ${MAX_RULE_LENGTH}).`,
      MAX_RULE_LENGTH,
      field,
    );
  }
  const parser = new Parser(tokenize(text, field), field);
  return parser.rule();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly field: string,
  ) {}

  rule(): RuleAst {
    if (this.peek().kind === 'end') throw ruleError('Rule is empty.', 0, this.field);
    const ast = this.or();
    this.expect('end', 'AND, OR or end of rule');
    return ast;
  }

  private peek(): Token {
    // tokenize() always ends with an `end` token, so clamping keeps the result defined.
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
    if (token === undefined) throw new Error('tokenize() returned no tokens');
    return token;
  }

  private next(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  /** The upper-cased keyword the current token spells, or undefined. */
  private keyword(): string | undefined {
    const token = this.peek();
    if (token.kind !== 'word') return undefined;
    const upper = token.text.toUpperCase();
    return KEYWORDS.has(upper) ? upper : undefined;
  }

  private or(): RuleAst {
    let left = this.and();
    while (this.keyword() === 'OR') {
      this.index += 1;
      left = { kind: 'binary', op: 'OR', left, right: this.and() };
    }
    return left;
  }

  private and(): RuleAst {
    let left = this.not();
    while (this.keyword() === 'AND') {
      this.index += 1;
      left = { kind: 'binary', op: 'AND', left, right: this.not() };
    }
    return left;
  }

  private not(): RuleAst {
    if (this.keyword() !== 'NOT') return this.primary();
    this.enter();
    const operand = this.not();
    this.depth -= 1;
    return { kind: 'not', operand };
  }

  private primary(): RuleAst {
    const token = this.peek();
    if (token.kind === '(') {
      this.enter();
      const inner = this.or();
      this.expect(')', '")", AND or OR');
      this.depth -= 1;
      return inner;
    }
    const keyword = this.keyword();
    if (keyword === 'TRUE' || keyword === 'FALSE') {
      this.index += 1;
      return { kind: 'constant', value: keyword === 'TRUE' };
    }
    if (token.kind === 'word' && keyword === undefined) return this.comparison(token);
    throw unexpected(token, 'a field, "(", NOT, TRUE or FALSE', this.field);
  }

  private comparison(name: Token & { kind: 'word' }): RuleAst {
    this.index += 1;
    const field = this.knownField(name);
    const pos = name.pos;
    const token = this.peek();
    if (token.kind === 'operator') {
      this.allow(
        field,
        token.op,
        token.pos,
        field.type !== 'set' && (field.type !== 'string' || token.op === '=' || token.op === '!='),
      );
      this.index += 1;
      return { kind: 'compare', field: field.name, op: token.op, value: this.literal(field), pos };
    }
    switch (this.keyword()) {
      case 'NOT':
        this.index += 1;
        this.expectKeyword('IN', 'IN');
        this.allow(field, 'NOT IN', token.pos, field.type !== 'set');
        return { kind: 'in', field: field.name, negated: true, values: this.list(field), pos };
      case 'IN':
        this.index += 1;
        this.allow(field, 'IN', token.pos, field.type !== 'set');
        return { kind: 'in', field: field.name, negated: false, values: this.list(field), pos };
      case 'IS': {
        this.index += 1;
        const negated = this.keyword() === 'NOT';
        if (negated) this.index += 1;
        this.expectKeyword('NULL', negated ? 'NULL' : 'NOT or NULL');
        this.allow(field, negated ? 'IS NOT NULL' : 'IS NULL', token.pos, field.type !== 'set');
        return { kind: 'null', field: field.name, negated, pos };
      }
      case 'CONTAINS':
        this.index += 1;
        this.allow(field, 'CONTAINS', token.pos, field.type === 'set');
        return this.contains(field, pos);
      default:
        throw unexpected(
          token,
          'an operator (=, !=, <, <=, >, >=, IN, NOT IN, IS or CONTAINS)',
          this.field,
        );
    }
  }

  private contains(field: KnownField, pos: number): RuleAst {
    const quantifier = this.keyword();
    if (quantifier === 'ANY' || quantifier === 'ALL') {
      this.index += 1;
      const values = this.list(field).map((literal) => literal.value as string);
      return { kind: 'contains', field: field.name, quantifier, values, pos };
    }
    const peeked = this.peek();
    if (peeked.kind !== 'string') {
      throw unexpected(peeked, `a string, ANY or ALL for ${field.name}`, this.field);
    }
    this.index += 1;
    return { kind: 'contains', field: field.name, quantifier: 'ONE', values: [peeked.value], pos };
  }

  private list(field: KnownField): Literal[] {
    this.expect('(', '"("');
    const values = [this.literal(field)];
    while (this.peek().kind === ',') {
      this.index += 1;
      values.push(this.literal(field));
    }
    this.expect(')', '"," or ")"');
    return values;
  }

  /** One literal of the field's type. */
  private literal(field: KnownField): Literal {
    const token = this.next();
    const { range } = field as RuleField;
    switch (field.type) {
      case 'number':
        if (token.kind === 'number') {
          const { literal } = token;
          if (
            !range ||
            (!literal.text.includes('.') &&
              literal.value >= range.min &&
              literal.value <= range.max)
          )
            return literal;
        }
        throw unexpected(
          token,
          range
            ? `a whole number from ${range.min} to ${range.max} for ${field.name}`
            : `a number for ${field.name}`,
          this.field,
        );
      case 'date':
        if (token.kind === 'string' && parseIsoDate(token.value) !== null)
          return { kind: 'string', value: token.value };
        throw unexpected(token, `a date "YYYY-MM-DD" for ${field.name}`, this.field);
      case 'string':
      case 'set':
        if (token.kind === 'string') return { kind: 'string', value: token.value };
        throw unexpected(token, `a string for ${field.name}`, this.field);
    }
  }

  private knownField(token: Token & { kind: 'word' }): KnownField {
    const field = ruleField(token.text);
    if (field) return field;
    const similar = ruleFieldIgnoringCase(token.text);
    const hint = similar === undefined ? '' : ` Did you mean ${JSON.stringify(similar)}?`;
    const known = RULE_FIELDS.map((f) => f.name).join(', ');
    throw ruleError(
      `Unknown field ${preview(token.text)} at position ${token.pos}.${hint} Known fields: ${known}.`,
      token.pos,
      this.field,
    );
  }

  /** Throws unless `allowed`: the operator `op` at `pos` is not one the field's type takes. */
  private allow(field: KnownField, op: string, pos: number, allowed: boolean): void {
    if (allowed) return;
    throw ruleError(
      `Operator ${op} is not allowed for ${field.name} (a ${field.type}) at position ${pos}: ` +
        `use ${ALLOWED[field.type]}.`,
      pos,
      this.field,
    );
  }

  /** Consumes an opening `(` or NOT, enforcing MAX_RULE_NESTING. */
  private enter(): void {
    const open = this.next();
    this.depth += 1;
    if (this.depth > MAX_RULE_NESTING) {
      throw ruleError(
        `Rule nests deeper than ${MAX_RULE_NESTING} levels at position ${open.pos}.`,
        open.pos,
        this.field,
      );
    }
  }

  private expect(kind: Token['kind'], expected: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw unexpected(token, expected, this.field);
    this.index += 1;
  }

  private expectKeyword(keyword: string, expected: string): void {
    if (this.keyword() !== keyword) throw unexpected(this.peek(), expected, this.field);
    this.index += 1;
  }
}

function unexpected(token: Token, expected: string, field: string): Error {
  return ruleError(
    `Expected ${expected} at position ${token.pos} but found ${describe(token)}.`,
    token.pos,
    field,
  );
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of rule';
    case 'word': {
      const upper = token.text.toUpperCase();
      return KEYWORDS.has(upper) ? upper : `word ${preview(token.text)}`;
    }
    case 'number':
      return `number ${token.literal.text}`;
    case 'string':
      return `string ${preview(token.value)}`;
    case 'operator':
      return `"${token.op}"`;
    default:
      return `"${token.kind}"`;
  }
}
