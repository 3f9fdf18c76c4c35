import type { RuleAst } from '../../../../src/segments/rule/ast.js';

/** The tree without its `pos` properties, for structural comparison. */
export function withoutPositions(ast: RuleAst): unknown {
  return JSON.parse(
    JSON.stringify(ast, (key, value: unknown) => (key === 'pos' ? undefined : value)),
  );
}
