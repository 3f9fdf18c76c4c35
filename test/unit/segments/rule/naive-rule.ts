import type { CompareOp, Literal, RuleAst } from '../../../../src/segments/rule/ast.js';
import type { PlainFacts } from './plain-facts.js';

/**
 * The reference semantics, written for obviousness, not speed: numbers are compared as exact
 * fractions with BigInt (a fact of `scale` 2 is that many hundredths), a null field fails every
 * comparison and IN, sets are arrays.
 */
export function naiveRule(ast: RuleAst, facts: PlainFacts): boolean {
  switch (ast.kind) {
    case 'constant':
      return ast.value;
    case 'not':
      return !naiveRule(ast.operand, facts);
    case 'binary':
      return ast.op === 'AND'
        ? naiveRule(ast.left, facts) && naiveRule(ast.right, facts)
        : naiveRule(ast.left, facts) || naiveRule(ast.right, facts);
    case 'null':
      return (value(facts, ast.field) === null) !== ast.negated;
    case 'compare': {
      const v = value(facts, ast.field);
      return v !== null && holds(compare(v, ast.value, ast.field), ast.op);
    }
    case 'in': {
      const v = value(facts, ast.field);
      if (v === null) return false;
      const found = ast.values.some((literal) => compare(v, literal, ast.field) === 0);
      return found !== ast.negated;
    }
    case 'contains': {
      const set = ast.field === 'channels' ? facts.channels : facts.identifierTypes;
      return ast.quantifier === 'ALL'
        ? ast.values.every((x) => set.includes(x))
        : ast.values.some((x) => set.includes(x));
    }
  }
}

function value(facts: PlainFacts, field: string): number | string | null {
  if (field === 'monetary') return facts.monetaryCents;
  const v = (facts as unknown as Record<string, unknown>)[field];
  if (v === undefined || Array.isArray(v)) throw new Error(`no scalar field ${field}`);
  return v as number | string | null;
}

/** -1, 0 or 1: the fact against the literal. */
function compare(fact: number | string, literal: Literal, field: string): number {
  if (typeof fact === 'string') {
    if (literal.kind !== 'string') throw new Error('string fact, number literal');
    return fact < literal.value ? -1 : fact > literal.value ? 1 : 0;
  }
  if (literal.kind !== 'number') throw new Error('number fact, string literal');
  // fact / 10^scale against digits / 10^decimals, cross-multiplied
  const scale = field === 'monetary' ? 2 : 0;
  const [whole, fraction = ''] = literal.text.split('.');
  const digits = BigInt(`${whole}${fraction}`.replace(/^(-?)0+(?=\d)/, '$1'));
  const left = BigInt(fact) * 10n ** BigInt(fraction.length);
  const right = digits * 10n ** BigInt(scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

function holds(sign: number, op: CompareOp): boolean {
  switch (op) {
    case '=':
      return sign === 0;
    case '!=':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
  }
}
