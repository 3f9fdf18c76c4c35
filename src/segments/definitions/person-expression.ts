import type { Expr } from '../expression/ast.js';

/**
 * Whether one person is in an expression's audience, given which tags it carries (`has`, by
 * tag name as written): the same set algebra as `evaluate` over bitmaps, for one member.
 */
export function personMatches(ast: Expr, has: (name: string) => boolean): boolean {
  switch (ast.kind) {
    case 'tag':
      return has(ast.name);
    case 'binary': {
      const left = personMatches(ast.left, has);
      switch (ast.op) {
        case 'AND':
          return left && personMatches(ast.right, has);
        case 'OR':
          return left || personMatches(ast.right, has);
        case 'ANDNOT':
          return left && !personMatches(ast.right, has);
        case 'XOR':
          return left !== personMatches(ast.right, has);
      }
      break;
    }
    case 'group':
      return ast.op === 'ALL'
        ? ast.args.every((arg) => personMatches(arg, has))
        : ast.args.some((arg) => personMatches(arg, has));
  }
  return false;
}
