/**
 * Parses a segment expression into an Expr tree.
 *
 * Grammar, loosest binding first; every binary operator is left-associative:
 *
 *     expr     := xorExpr ( OR xorExpr )*
 *     xorExpr  := andExpr ( XOR andExpr )*
 *     andExpr  := primary ( ( AND | ANDNOT ) primary )*
 *     primary  := tag | "(" expr ")" | ( ALL | ANY ) "(" expr ( "," expr )* ")"
 *     tag      := word | quoted-string
 *
 * So AND and ANDNOT bind tighter than XOR, which binds tighter than OR (the usual
 * and / xor / or order of C and SQL): `a OR b AND c` is `a OR (b AND c)`, and
 * `a ANDNOT b AND c` is `(a ANDNOT b) AND c`. Keywords are case-insensitive. ALL and ANY are
 * group keywords only when a `(` follows; elsewhere they are ordinary tag names.
 *
 * Limits: at most MAX_EXPRESSION_LENGTH characters and MAX_NESTING levels of parentheses and
 * groups, so that neither the parser nor the evaluator can exhaust the stack.
 *
 * Throws InputError (field `expression`, details `{ position }`) for every malformed input,
 * including an empty one; the message names the 0-based character position.
 */
import { MAX_EXPRESSION } from '../../input-limits.js';
import type { BinaryOp, Expr, GroupOp } from './ast.js';
import { syntaxError } from './expression-error.js';
import { tokenize, type Token } from './lexer.js';

export const MAX_EXPRESSION_LENGTH = MAX_EXPRESSION;
export const MAX_NESTING = 64;

export function parseExpression(text: string): Expr {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw syntaxError(
      `Expression is longer than ${MAX_EXPRESSION_LENGTH} characters (position ${MAX_EXPRESSION_LENGTH}).`,
      MAX_EXPRESSION_LENGTH,
    );
  }
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'end') throw syntaxError('Expression is empty.', 0);
  const expr = parser.expr();
  parser.expect('end', 'an operator or end of expression');
  return expr;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token {
    // tokenize() always ends with an `end` token, so clamping keeps the result defined.
    const token = this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
    if (token === undefined) throw new Error('tokenize() returned no tokens');
    return token;
  }

  expr(): Expr {
    return this.binary(['OR'], () => this.xorExpr());
  }

  private xorExpr(): Expr {
    return this.binary(['XOR'], () => this.andExpr());
  }

  private andExpr(): Expr {
    return this.binary(['AND', 'ANDNOT'], () => this.primary());
  }

  /** One left-associative precedence level. */
  private binary(ops: readonly BinaryOp[], operand: () => Expr): Expr {
    let left = operand();
    for (
      let token = this.peek();
      token.kind === 'operator' && ops.includes(token.op);
      token = this.peek()
    ) {
      this.index += 1;
      left = { kind: 'binary', op: token.op, left, right: operand() };
    }
    return left;
  }

  private primary(): Expr {
    const token = this.peek();
    if (token.kind === 'string') {
      this.index += 1;
      return { kind: 'tag', name: token.text, pos: token.pos };
    }
    if (token.kind === 'word') {
      const group = token.text.toUpperCase();
      if ((group === 'ALL' || group === 'ANY') && this.peek(1).kind === '(')
        return this.group(group);
      this.index += 1;
      return { kind: 'tag', name: token.text, pos: token.pos };
    }
    if (token.kind === '(') {
      this.enter(token);
      const inner = this.expr();
      this.expect(')', '")"');
      this.depth -= 1;
      return inner;
    }
    throw unexpected(token, 'a tag, "(", ALL( or ANY(');
  }

  /** Called with the ALL / ANY word as the current token and `(` after it. */
  private group(op: GroupOp): Expr {
    this.index += 1;
    this.enter(this.peek());
    const args = [this.expr()];
    while (this.peek().kind === ',') {
      this.index += 1;
      args.push(this.expr());
    }
    this.expect(')', '"," or ")"');
    this.depth -= 1;
    return { kind: 'group', op, args };
  }

  /** Consumes an opening `(`, enforcing MAX_NESTING. */
  private enter(open: Token): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING) {
      throw syntaxError(
        `Expression nests deeper than ${MAX_NESTING} levels at position ${open.pos}.`,
        open.pos,
      );
    }
    this.index += 1;
  }

  expect(kind: Token['kind'], expected: string): void {
    const token = this.peek();
    if (token.kind !== kind) throw unexpected(token, expected);
    this.index += 1;
  }
}

function unexpected(token: Token, expected: string): Error {
  return syntaxError(
    `Expected ${expected} at position ${token.pos} but found ${describe(token)}.`,
    token.pos,
  );
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of expression';
    case 'word':
    case 'string':
      return `tag ${JSON.stringify(token.text)}`;
    case 'operator':
      return `operator ${token.op}`;
    default:
      return `"${token.kind}"`;
  }
}
