/**
 * Splits a rule into tokens, each with its 0-based character offset.
 *
 * - A word matches `[A-Za-z_][A-Za-z0-9_]*`: a field name or a keyword (the parser reads
 *   keywords in any case).
 * - A number matches `-?[0-9]+(\.[0-9]+)?` and is made canonical (see NumberLiteral); at most
 *   MAX_INTEGER_DIGITS digits before the point, so that every bound the compiler derives is an
 *   exact double.
 * - A string is in double or single quotes; inside, a backslash escapes `\`, `"`, `'`, and
 *   `n`, `t`, `r` stand for newline, tab and carriage return. Any other escape and a missing
 *   closing quote are errors.
 * - The operators are `=`, `!=`, `<`, `<=`, `>`, `>=`; the punctuation `(`, `)`, `,`.
 * - Whitespace separates tokens; any other character is an error.
 *
 * The last token is always `end`, positioned at the length of the text.
 * Throws InputError (naming `field`, details `{ position }`); nothing else.
 */
import type { CompareOp, NumberLiteral } from './ast.js';
import { ruleError } from './rule-error.js';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly pos: number }
  | { readonly kind: 'number'; readonly literal: NumberLiteral; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'operator'; readonly op: CompareOp; readonly pos: number }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly pos: number };

export const MAX_INTEGER_DIGITS = 13;

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(-?)([0-9]+)(?:\.([0-9]+))?/y;
const OPERATOR = /!=|<=|>=|=|<|>/y;
const SPACE = /\s/;
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'],
  ['"', '"'],
  ["'", "'"],
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
]);

export function tokenize(text: string, field: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (SPACE.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, pos: i });
      i += 1;
    } else if (ch === '"' || ch === "'") {
      const { value, next } = readString(text, i, field);
      tokens.push({ kind: 'string', value, pos: i });
      i = next;
    } else {
      const token = readSticky(text, i, field);
      tokens.push(token.token);
      i = token.next;
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

function readSticky(text: string, i: number, field: string): { token: Token; next: number } {
  WORD.lastIndex = i;
  const word = WORD.exec(text)?.[0];
  if (word !== undefined)
    return { token: { kind: 'word', text: word, pos: i }, next: i + word.length };
  NUMBER.lastIndex = i;
  const number = NUMBER.exec(text);
  if (number) {
    return {
      token: { kind: 'number', literal: numberLiteral(number, i, field), pos: i },
      next: NUMBER.lastIndex,
    };
  }
  OPERATOR.lastIndex = i;
  const op = OPERATOR.exec(text)?.[0] as CompareOp | undefined;
  if (op !== undefined) return { token: { kind: 'operator', op, pos: i }, next: i + op.length };
  throw ruleError(
    `Unexpected character ${JSON.stringify(text.charAt(i))} at position ${i}.`,
    i,
    field,
  );
}

function numberLiteral(match: RegExpExecArray, pos: number, field: string): NumberLiteral {
  const whole = (match[2] ?? '').replace(/^0+(?=.)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (whole.length > MAX_INTEGER_DIGITS) {
    throw ruleError(
      `Number at position ${pos} is too large: at most ${MAX_INTEGER_DIGITS} digits before the decimal point.`,
      pos,
      field,
    );
  }
  const zero = whole === '0' && fraction === '';
  const text = `${zero ? '' : (match[1] ?? '')}${whole}${fraction === '' ? '' : `.${fraction}`}`;
  return { kind: 'number', text, value: Number(text) };
}

/** Reads the string whose opening quote is at `start`; returns its value and the offset after it. */
function readString(text: string, start: number, field: string): { value: string; next: number } {
  const quote = text.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === quote) return { value, next: i + 1 };
    if (ch === '\\') {
      const escaped = text.charAt(i + 1);
      if (escaped === '') break;
      const replacement = ESCAPES.get(escaped);
      if (replacement === undefined) {
        throw ruleError(
          `Invalid escape "\\${escaped}" at position ${i}: ` +
            `only \\\\, \\", \\', \\n, \\t and \\r are allowed in a string.`,
          i,
          field,
        );
      }
      value += replacement;
      i += 2;
    } else {
      value += ch;
      i += 1;
    }
  }
  throw ruleError(`Unterminated string starting at position ${start}.`, start, field);
}
