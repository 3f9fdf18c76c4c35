import type { Expr } from '../../../src/segments/expression/ast.js';

/** A fully parenthesized rendering that makes the tree shape visible in assertions. */
export function show(ast: Expr): string {
  switch (ast.kind) {
    case 'tag':
      return ast.name;
    case 'binary':
      return `(${show(ast.left)} ${ast.op} ${show(ast.right)})`;
    case 'group':
      return `${ast.op}[${ast.args.map(show).join(' ')}]`;
  }
}

/** The tree without positions, for structural comparison. */
export function shape(ast: Expr): unknown {
  switch (ast.kind) {
    case 'tag':
      return { tag: ast.name };
    case 'binary':
      return { op: ast.op, left: shape(ast.left), right: shape(ast.right) };
    case 'group':
      return { op: ast.op, args: ast.args.map(shape) };
  }
}
