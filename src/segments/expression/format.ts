/**
 * Prints an Expr back as expression text, with parentheses only where precedence requires
 * them. Contract: `parseExpression(formatExpression(e))` has the same structure as `e`
 * (positions aside). Tags that are not plain words, or that spell a keyword, are quoted.
 */
import type { BinaryOp, Expr } from './ast.js';

/** Binding strength; higher binds tighter. Mirrors the grammar in parser.ts. */
const PRECEDENCE: Readonly<Record<BinaryOp, number>> = { OR: 1, XOR: 2, AND: 3, ANDNOT: 3 };
const KEYWORDS = new Set(['AND', 'OR', 'ANDNOT', 'XOR', 'ALL', 'ANY']);
const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatExpression(ast: Expr): string {
  switch (ast.kind) {
    case 'tag':
      return formatTag(ast.name);
    case 'group':
      return `${ast.op}(${ast.args.map(formatExpression).join(', ')})`;
    case 'binary': {
      const level = PRECEDENCE[ast.op];
      // Left-associative: a left operand of equal precedence needs no parentheses, a right one does.
      const left = operand(ast.left, level, false);
      const right = operand(ast.right, level, true);
      return `${left} ${ast.op} ${right}`;
    }
  }
}

function operand(node: Expr, level: number, isRight: boolean): string {
  const text = formatExpression(node);
  if (node.kind !== 'binary') return text;
  const inner = PRECEDENCE[node.op];
  return inner < level || (isRight && inner === level) ? `(${text})` : text;
}

function formatTag(name: string): string {
  if (WORD.test(name) && !KEYWORDS.has(name.toUpperCase())) return name;
  return `"${name.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}
