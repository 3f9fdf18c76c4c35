/**
 * Splits a segment expression into tokens, each with its 0-based character offset.
 *
 * - A bare word matches `[A-Za-z_][A-Za-z0-9_]*`. The words AND, OR, ANDNOT and XOR, in any
 *   case, are operators; every other word (including ALL and ANY, which the parser reads as
 *   group keywords only when a `(` follows) is a `word` token.
 * - A double-quoted string is a tag name; inside it `\"` stands for `"` and `\\` for `\`.
 *   Any other escape, an empty string and a missing closing quote are errors.
 * - Whitespace separates tokens; any other character is an error.
 *
 * The last token is always `end`, positioned at the length of the text.
 * Throws InputError (field `expression`, details `{ position }`); nothing else.
 */
import type { BinaryOp } from './ast.js';
import { syntaxError } from './expression-error.js';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly pos: number }
  | { readonly kind: 'string'; readonly text: string; readonly pos: number }
  | { readonly kind: 'operator'; readonly op: BinaryOp; readonly pos: number }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly pos: number };

const OPERATORS: ReadonlyMap<string, BinaryOp> = new Map([
  ['AND', 'AND'],
  ['OR', 'OR'],
  ['ANDNOT', 'ANDNOT'],
  ['XOR', 'XOR'],
]);

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /\s/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (SPACE.test(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, pos: i });
      i += 1;
    } else if (ch === '"') {
      const { value, next } = readString(text, i);
      tokens.push({ kind: 'string', text: value, pos: i });
      i = next;
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(text)?.[0];
      if (word === undefined) {
        throw syntaxError(`Unexpected character ${JSON.stringify(ch)} at position ${i}.`, i);
      }
      const op = OPERATORS.get(word.toUpperCase());
      tokens.push(op ? { kind: 'operator', op, pos: i } : { kind: 'word', text: word, pos: i });
      i += word.length;
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

/** Reads the string whose opening quote is at `start`; returns its value and the offset after it. */
function readString(text: string, start: number): { value: string; next: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      if (value === '') throw syntaxError(`Empty tag name at position ${start}.`, start);
      return { value, next: i + 1 };
    }
    if (ch === '\\') {
      const escaped = text.charAt(i + 1);
      if (escaped === '') break;
      if (escaped !== '"' && escaped !== '\\') {
        throw syntaxError(
          `Invalid escape "\\${escaped}" at position ${i}: ` +
            `only \\" and \\\\ are allowed in a quoted tag.`,
          i,
        );
      }
      value += escaped;
      i += 2;
    } else {
      value += ch;
      i += 1;
    }
  }
  throw syntaxError(`Unterminated quoted tag starting at position ${start}.`, start);
}
