/**
 * The set algebra behind evaluate(), on operands that are either stored bitmaps (the caller's,
 * never modified) or temporaries this module created (owned, free to modify or dispose).
 * Every function consumes the operands it is given: an owned operand passed in is either
 * returned, as or inside the result, or disposed. Nothing here copies a bitmap needlessly:
 * an owned operand is updated in place, and a new bitmap is created only when both sides of
 * an operation are stored.
 */
import type { BinaryOp } from './expression/ast.js';
import { RoaringBitmap32, type ReadonlyRoaringBitmap32 } from './roaring.js';

export type Operand =
  | { readonly owned: true; readonly bitmap: RoaringBitmap32 }
  | { readonly owned: false; readonly bitmap: ReadonlyRoaringBitmap32 };

export const stored = (bitmap: ReadonlyRoaringBitmap32): Operand => ({ owned: false, bitmap });
export const owned = (bitmap: RoaringBitmap32): Operand => ({ owned: true, bitmap });

/** Frees an owned operand's native memory now rather than at the next garbage collection. */
export function release(operand: Operand): void {
  if (operand.owned) operand.bitmap.dispose();
}

/** `left op right`. */
export function combine(op: BinaryOp, left: Operand, right: Operand): Operand {
  if (left.owned) {
    inPlace(op, left.bitmap, right.bitmap);
    release(right);
    return left;
  }
  if (right.owned && op !== 'ANDNOT') {
    // AND, OR and XOR commute, so the right temporary can absorb the left operand.
    inPlace(op, right.bitmap, left.bitmap);
    return right;
  }
  const result = fresh(op, left.bitmap, right.bitmap);
  release(right);
  return owned(result);
}

/** |left op right|, without materializing the result. */
export function cardinality(
  op: BinaryOp,
  left: ReadonlyRoaringBitmap32,
  right: ReadonlyRoaringBitmap32,
): number {
  switch (op) {
    case 'AND':
      return left.andCardinality(right);
    case 'OR':
      return left.orCardinality(right);
    case 'ANDNOT':
      return left.andNotCardinality(right);
    case 'XOR':
      return left.xorCardinality(right);
  }
}

/** Operands sorted by ascending cardinality: intersecting from the smallest keeps temporaries small. */
export function smallestFirst(operands: readonly Operand[]): Operand[] {
  return operands
    .map((operand) => ({ operand, size: operand.bitmap.size }))
    .sort((a, b) => a.size - b.size)
    .map((entry) => entry.operand);
}

/** The intersection of operands already sorted by smallestFirst(); `sorted` must not be empty. */
export function intersectSorted(sorted: readonly Operand[]): Operand {
  const [first, second] = sorted;
  if (first === undefined) throw new Error('intersectSorted() needs at least one operand');
  if (second === undefined) return first;
  let acc = first.owned ? first : combine('AND', first, second);
  for (let i = first.owned ? 1 : 2; i < sorted.length; i += 1) {
    const next = sorted[i] as Operand;
    if (acc.bitmap.isEmpty) release(next);
    else acc = combine('AND', acc, next);
  }
  return acc;
}

/** The union of all operands; `operands` must not be empty. */
export function unite(operands: readonly Operand[]): Operand {
  const [first, second] = operands;
  if (first === undefined) throw new Error('unite() needs at least one operand');
  if (second === undefined) return first;
  const result = RoaringBitmap32.orMany(operands.map((operand) => operand.bitmap));
  for (const operand of operands) release(operand);
  return owned(result);
}

function inPlace(op: BinaryOp, target: RoaringBitmap32, other: ReadonlyRoaringBitmap32): void {
  switch (op) {
    case 'AND':
      target.andInPlace(other);
      return;
    case 'OR':
      target.orInPlace(other);
      return;
    case 'ANDNOT':
      target.andNotInPlace(other);
      return;
    case 'XOR':
      target.xorInPlace(other);
  }
}

function fresh(
  op: BinaryOp,
  left: ReadonlyRoaringBitmap32,
  right: ReadonlyRoaringBitmap32,
): RoaringBitmap32 {
  switch (op) {
    case 'AND':
      return RoaringBitmap32.and(left, right);
    case 'OR':
      return RoaringBitmap32.or(left, right);
    case 'ANDNOT':
      return RoaringBitmap32.andNot(left, right);
    case 'XOR':
      return RoaringBitmap32.xor(left, right);
  }
}
