/** The rule language of rule segments: a condition over one person's fields. */
export type {
  BinaryNode,
  CompareNode,
  CompareOp,
  ConstantNode,
  ContainsNode,
  InNode,
  Literal,
  NotNode,
  NullNode,
  NumberLiteral,
  RuleAst,
  StringLiteral,
} from './ast.js';
export { compileRule, type RulePredicate } from './compile.js';
export type { RuleFacts } from './facts.js';
export {
  RULE_FIELDS,
  ruleField,
  type RuleField,
  type RuleFieldName,
  type RuleFieldType,
} from './fields.js';
export { formatRule } from './format.js';
export { MAX_RULE_LENGTH, MAX_RULE_NESTING, parseRule } from './parser.js';
export { ruleFieldsOf } from './rule-fields-of.js';
