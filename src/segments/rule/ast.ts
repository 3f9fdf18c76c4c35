/**
 * The syntax tree of a rule: a condition over one person's fields. Nodes are plain immutable
 * data; every comparison has passed the type checks of the parser (known field, allowed
 * operator, literal of the field's type).
 */
import type { RuleFieldName } from './fields.js';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * A number as written, canonical: no leading zeros, no trailing fractional zeros, no "-0"
 * ("007.50" is "7.5"). `value` is `Number(text)`; money is compared from `text`, exactly.
 */
export interface NumberLiteral {
  readonly kind: 'number';
  readonly text: string;
  readonly value: number;
}

/** A string with quotes removed and escapes applied (dates are strings too). */
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}

export type Literal = NumberLiteral | StringLiteral;

/** `field op value`; false when the field is null. */
export interface CompareNode {
  readonly kind: 'compare';
  readonly field: RuleFieldName;
  readonly op: CompareOp;
  readonly value: Literal;
  /** 0-based character offset of the field name in the source. */
  readonly pos: number;
}

/** `field [NOT] IN (values)`; `values` is never empty; false when the field is null, negated or not. */
export interface InNode {
  readonly kind: 'in';
  readonly field: RuleFieldName;
  readonly negated: boolean;
  readonly values: readonly Literal[];
  readonly pos: number;
}

/** `field IS [NOT] NULL`. */
export interface NullNode {
  readonly kind: 'null';
  readonly field: RuleFieldName;
  readonly negated: boolean;
  readonly pos: number;
}

/**
 * `setField CONTAINS "v"` (quantifier ONE, one value), `CONTAINS ANY ("a", ...)` and
 * `CONTAINS ALL ("a", ...)` (one value or more).
 */
export interface ContainsNode {
  readonly kind: 'contains';
  readonly field: RuleFieldName;
  readonly quantifier: 'ONE' | 'ANY' | 'ALL';
  readonly values: readonly string[];
  readonly pos: number;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: 'AND' | 'OR';
  readonly left: RuleAst;
  readonly right: RuleAst;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: RuleAst;
}

/** TRUE or FALSE. */
export interface ConstantNode {
  readonly kind: 'constant';
  readonly value: boolean;
}

export type RuleAst =
  CompareNode | InNode | NullNode | ContainsNode | BinaryNode | NotNode | ConstantNode;
