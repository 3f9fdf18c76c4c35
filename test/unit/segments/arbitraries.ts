import fc from 'fast-check';
import type { BinaryOp, Expr, GroupOp } from '../../../src/segments/expression/ast.js';

/** Random expression trees over the given tag names (positions are 0: only structure matters). */
export function exprArbitrary(tagNames: readonly string[]): fc.Arbitrary<Expr> {
  const binaryOps: BinaryOp[] = ['AND', 'OR', 'ANDNOT', 'XOR'];
  const groupOps: GroupOp[] = ['ALL', 'ANY'];
  return fc.letrec<{ expr: Expr; tag: Expr; binary: Expr; group: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('tag'),
      tie('binary'),
      tie('group'),
    ),
    tag: fc.constantFrom(...tagNames).map((name): Expr => ({ kind: 'tag', name, pos: 0 })),
    binary: fc
      .record({ op: fc.constantFrom(...binaryOps), left: tie('expr'), right: tie('expr') })
      .map((node): Expr => ({ kind: 'binary', ...node })),
    group: fc
      .record({
        op: fc.constantFrom(...groupOps),
        args: fc.array(tie('expr'), { minLength: 1, maxLength: 4 }),
      })
      .map((node): Expr => ({ kind: 'group', ...node })),
  })).expr;
}
