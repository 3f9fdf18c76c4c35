import type { RuleAst } from './ast.js';
import type { RuleFieldName } from './fields.js';

/**
 * The fields a rule tests, each once. The segment engine re-evaluates a rule when one of them
 * may have changed for everyone (rScore, fScore and mScore move with the quintiles).
 */
export function ruleFieldsOf(ast: RuleAst): ReadonlySet<RuleFieldName> {
  const fields = new Set<RuleFieldName>();
  const pending: RuleAst[] = [ast];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    switch (node.kind) {
      case 'binary':
        pending.push(node.right, node.left);
        break;
      case 'not':
        pending.push(node.operand);
        break;
      case 'constant':
        break;
      default:
        fields.add(node.field);
    }
  }
  return fields;
}
