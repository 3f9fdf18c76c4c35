import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/segments/expression/lexer.js';
import { expectExpressionError } from './expect-input-error.js';

describe('tokenize', () => {
  it('returns words, operators, punctuation and end with 0-based offsets', () => {
    expect(tokenize(' ALL(channel_app, AtRisk) andNot x')).toEqual([
      { kind: 'word', text: 'ALL', pos: 1 },
      { kind: '(', pos: 4 },
      { kind: 'word', text: 'channel_app', pos: 5 },
      { kind: ',', pos: 16 },
      { kind: 'word', text: 'AtRisk', pos: 18 },
      { kind: ')', pos: 24 },
      { kind: 'operator', op: 'ANDNOT', pos: 26 },
      { kind: 'word', text: 'x', pos: 33 },
      { kind: 'end', pos: 34 },
    ]);
  });

  it('reads the four operators in any case, and only as whole words', () => {
    const ops = tokenize('and Or XOR andnot ANDX ORDER _and').map((t) =>
      t.kind === 'operator' ? t.op : t.kind,
    );
    expect(ops).toEqual(['AND', 'OR', 'XOR', 'ANDNOT', 'word', 'word', 'word', 'end']);
  });

  it('reads quoted tags with \\" and \\\\ escapes; the position is that of the opening quote', () => {
    expect(tokenize('x AND "At \\"Risk\\" \\\\ 1"')).toEqual([
      { kind: 'word', text: 'x', pos: 0 },
      { kind: 'operator', op: 'AND', pos: 2 },
      { kind: 'string', text: 'At "Risk" \\ 1', pos: 6 },
      { kind: 'end', pos: 24 },
    ]);
  });

  it('keeps a quoted keyword a string and separates adjacent tokens without spaces', () => {
    expect(tokenize('"AND"(a)').map((t) => t.kind)).toEqual(['string', '(', 'word', ')', 'end']);
  });

  it('puts the end token at the text length', () => {
    expect(tokenize('')).toEqual([{ kind: 'end', pos: 0 }]);
    expect(tokenize(' \t\n')).toEqual([{ kind: 'end', pos: 3 }]);
  });

  it('rejects characters outside the language', () => {
    expectExpressionError(() => tokenize('a # b'), 'Unexpected character "#" at position 2.', {
      position: 2,
    });
    expectExpressionError(() => tokenize('9lives'), 'Unexpected character "9" at position 0.', {
      position: 0,
    });
    expectExpressionError(() => tokenize('café'), 'Unexpected character "é" at position 3.', {
      position: 3,
    });
    expectExpressionError(() => tokenize("a OR 'b'"), 'Unexpected character "\'" at position 5.', {
      position: 5,
    });
  });

  it('rejects an unterminated quoted tag, including one ending in a backslash', () => {
    expectExpressionError(
      () => tokenize('a AND "At Risk'),
      'Unterminated quoted tag starting at position 6.',
      {
        position: 6,
      },
    );
    expectExpressionError(
      () => tokenize('"x\\'),
      'Unterminated quoted tag starting at position 0.',
      { position: 0 },
    );
    expectExpressionError(
      () => tokenize('"x\\"'),
      'Unterminated quoted tag starting at position 0.',
      { position: 0 },
    );
  });

  it('rejects other escapes and names the escape position', () => {
    expectExpressionError(
      () => tokenize('"a\\nb"'),
      'Invalid escape "\\n" at position 2: only \\" and \\\\ are allowed in a quoted tag.',
      { position: 2 },
    );
  });

  it('rejects an empty quoted tag', () => {
    expectExpressionError(() => tokenize('a OR ""'), 'Empty tag name at position 5.', {
      position: 5,
    });
  });
});
