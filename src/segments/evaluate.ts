/**
 * Evaluates a parsed segment expression over tag bitmaps.
 *
 * Contracts:
 * - Every tag is looked up (once per occurrence) before any set operation; an unknown tag throws
 *   InputError naming the tag, its position and up to 20 of `knownTags`.
 * - The caller's bitmaps are never modified. Intermediate results are modified in place and
 *   disposed as soon as they are consumed.
 * - evaluate() returns a new bitmap that the caller owns, even for an expression that is a
 *   single tag.
 * - countExpression() returns the cardinality without materializing the root operation: its two
 *   operands (stored bitmaps or intermediate results) are combined with the count-only APIs.
 */
import type { BinaryOp, Expr } from './expression/ast.js';
import {
  cardinality,
  combine,
  intersectSorted,
  release,
  smallestFirst,
  stored,
  unite,
  type Operand,
} from './operand.js';
import { resolveTags, type ResolvedTags, type TagLookup } from './resolve-tags.js';
import type { RoaringBitmap32 } from './roaring.js';

export type { TagLookup } from './resolve-tags.js';

export function evaluate(
  ast: Expr,
  lookup: TagLookup,
  knownTags?: Iterable<string>,
): RoaringBitmap32 {
  const result = compute(ast, resolveTags(ast, lookup, knownTags));
  return result.owned ? result.bitmap : result.bitmap.clone();
}

export function countExpression(
  ast: Expr,
  lookup: TagLookup,
  knownTags?: Iterable<string>,
): number {
  const tags = resolveTags(ast, lookup, knownTags);
  switch (ast.kind) {
    case 'tag':
      return sizeOf(compute(ast, tags));
    case 'binary':
      return countPair(ast.op, compute(ast.left, tags), compute(ast.right, tags));
    case 'group': {
      const operands = ast.args.map((arg) => compute(arg, tags));
      if (ast.op === 'ANY') {
        const [first, second, ...rest] = operands;
        return first && second && rest.length === 0
          ? countPair('OR', first, second)
          : sizeOf(unite(operands));
      }
      // ALL: intersect all but the largest, then count against the largest.
      const sorted = smallestFirst(operands);
      const largest = sorted.pop() as Operand;
      return sorted.length === 0
        ? sizeOf(largest)
        : countPair('AND', intersectSorted(sorted), largest);
    }
  }
}

/** |left op right|; releases both operands. */
function countPair(op: BinaryOp, left: Operand, right: Operand): number {
  const size = cardinality(op, left.bitmap, right.bitmap);
  release(left);
  release(right);
  return size;
}

/** The cardinality of an operand; releases it. */
function sizeOf(operand: Operand): number {
  const size = operand.bitmap.size;
  release(operand);
  return size;
}

function compute(node: Expr, tags: ResolvedTags): Operand {
  switch (node.kind) {
    case 'tag': {
      const bitmap = tags.get(node);
      if (bitmap === undefined) throw new Error(`Tag node at ${node.pos} was not resolved`);
      return stored(bitmap);
    }
    case 'binary':
      return combine(node.op, compute(node.left, tags), compute(node.right, tags));
    case 'group': {
      const operands = node.args.map((arg) => compute(arg, tags));
      return node.op === 'ALL' ? intersectSorted(smallestFirst(operands)) : unite(operands);
    }
  }
}
