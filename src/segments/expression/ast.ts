/**
 * The syntax tree of a segment expression. Nodes are plain immutable data, so an expression
 * can be parsed once and evaluated many times, against any tag lookup.
 */

/** Binary set operators: intersection, union, difference (left minus right), symmetric difference. */
export type BinaryOp = 'AND' | 'OR' | 'ANDNOT' | 'XOR';

/** Group operators: `ALL(...)` intersects all arguments, `ANY(...)` unites them. */
export type GroupOp = 'ALL' | 'ANY';

/** A tag reference. `name` is the tag as written (quotes removed, escapes applied). */
export interface TagNode {
  readonly kind: 'tag';
  readonly name: string;
  /** 0-based character offset of the tag (of its opening quote, if quoted) in the source. */
  readonly pos: number;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** `args` is never empty. */
export interface GroupNode {
  readonly kind: 'group';
  readonly op: GroupOp;
  readonly args: readonly Expr[];
}

export type Expr = TagNode | BinaryNode | GroupNode;
