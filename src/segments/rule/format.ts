/**
 * Prints a RuleAst as canonical rule text: keywords upper-case, strings in double quotes,
 * numbers as NumberLiteral.text, parentheses only where precedence requires them. Contract:
 * `parseRule(formatRule(ast))` equals `ast` apart from positions.
 */
import type { Literal, RuleAst } from './ast.js';

/** Binding strength; higher binds tighter. Mirrors the grammar in parser.ts. */
const PRECEDENCE = { OR: 1, AND: 2 } as const;
const ESCAPED: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

export function formatRule(ast: RuleAst): string {
  switch (ast.kind) {
    case 'constant':
      return ast.value ? 'TRUE' : 'FALSE';
    case 'not':
      return `NOT ${ast.operand.kind === 'binary' ? `(${formatRule(ast.operand)})` : formatRule(ast.operand)}`;
    case 'binary': {
      const level = PRECEDENCE[ast.op];
      // Left-associative: a left operand of equal precedence needs no parentheses, a right one does.
      return `${operand(ast.left, level, false)} ${ast.op} ${operand(ast.right, level, true)}`;
    }
    case 'compare':
      return `${ast.field} ${ast.op} ${formatLiteral(ast.value)}`;
    case 'in':
      return `${ast.field} ${ast.negated ? 'NOT IN' : 'IN'} ${list(ast.values)}`;
    case 'null':
      return `${ast.field} IS ${ast.negated ? 'NOT NULL' : 'NULL'}`;
    case 'contains': {
      const strings = ast.values.map((value): Literal => ({ kind: 'string', value }));
      return ast.quantifier === 'ONE'
        ? `${ast.field} CONTAINS ${strings.map(formatLiteral).join(', ')}`
        : `${ast.field} CONTAINS ${ast.quantifier} ${list(strings)}`;
    }
  }
}

function operand(node: RuleAst, level: number, isRight: boolean): string {
  const text = formatRule(node);
  if (node.kind !== 'binary') return text;
  const inner = PRECEDENCE[node.op];
  return inner < level || (isRight && inner === level) ? `(${text})` : text;
}

function list(values: readonly Literal[]): string {
  return `(${values.map(formatLiteral).join(', ')})`;
}

function formatLiteral(literal: Literal): string {
  if (literal.kind === 'number') return literal.text;
  return `"${literal.value.replace(/[\\"\n\t\r]/g, (ch) => ESCAPED[ch] ?? ch)}"`;
}
