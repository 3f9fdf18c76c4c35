import type { Expr } from './ast.js';

/**
 * The distinct tag names of an expression, exactly as written, in order of first appearance.
 * Names that differ only in spelling (`AtRisk`, `"At Risk"`) are both listed: deduplicate by
 * tagKey() if the caller needs distinct tags rather than distinct spellings.
 */
export function referencedTags(ast: Expr): string[] {
  const names = new Set<string>();
  collect(ast, names);
  return [...names];
}

function collect(node: Expr, names: Set<string>): void {
  switch (node.kind) {
    case 'tag':
      names.add(node.name);
      return;
    case 'binary':
      collect(node.left, names);
      collect(node.right, names);
      return;
    case 'group':
      for (const arg of node.args) collect(arg, names);
  }
}
