/**
 * Compiles a rule into a predicate over RuleFacts: a tree of closures, built once, with every
 * literal converted and every bound computed at compile time (no eval, no Function).
 *
 * Semantics:
 * - A comparison, IN or NOT IN on a null field is false, whatever the operator: `level != "gold"`
 *   and `level NOT IN ("gold")` are false for a person without a level, while
 *   `NOT level = "gold"` is true for them. IS NULL / IS NOT NULL test for null.
 * - Strings compare exactly: case-sensitive, no trimming. Dates compare in calendar order.
 * - Numbers compare exactly with the literal as written: the number fields hold whole numbers
 *   (monetary in whole cents), and every bound is derived from the literal's decimal text, never
 *   from a binary float. `monetary >= 300` is `monetaryCents >= 30000`;
 *   `monetary >= 299.995` is `monetaryCents >= 30000`; `monetary = 299.995` is never true.
 *
 * The predicate reads the facts' properties during the call and keeps no reference to them.
 * `ast` is a tree parseRule returned (or one as well-typed): a number literal on a text field,
 * say, is a programming error and throws a plain Error.
 */
import type { CompareOp, Literal, RuleAst } from './ast.js';
import type { RuleFacts } from './facts.js';
import type { RuleFieldName } from './fields.js';

export type RulePredicate = (facts: RuleFacts) => boolean;

type Reader =
  | { readonly type: 'number'; readonly scale: number; read(f: RuleFacts): number | null }
  | { readonly type: 'text'; read(f: RuleFacts): string | null }
  | { readonly type: 'set'; has(f: RuleFacts, value: string): boolean };

const READERS: Readonly<Record<RuleFieldName, Reader>> = {
  recencyDays: { type: 'number', scale: 0, read: (f) => f.recencyDays },
  frequency: { type: 'number', scale: 0, read: (f) => f.frequency },
  monetary: { type: 'number', scale: 2, read: (f) => f.monetaryCents },
  rScore: { type: 'number', scale: 0, read: (f) => f.rScore },
  fScore: { type: 'number', scale: 0, read: (f) => f.fScore },
  mScore: { type: 'number', scale: 0, read: (f) => f.mScore },
  totalPoints: { type: 'number', scale: 0, read: (f) => f.totalPoints },
  birthdayMonth: { type: 'number', scale: 0, read: (f) => f.birthdayMonth },
  level: { type: 'text', read: (f) => f.level },
  gender: { type: 'text', read: (f) => f.gender },
  registerChannel: { type: 'text', read: (f) => f.registerChannel },
  registerDate: { type: 'text', read: (f) => f.registerDate },
  channels: { type: 'set', has: (f, value) => f.hasChannel(value) },
  identifierTypes: { type: 'set', has: (f, value) => f.hasIdentifierType(value) },
};

const always: RulePredicate = () => true;
const never: RulePredicate = () => false;

export function compileRule(ast: RuleAst): RulePredicate {
  switch (ast.kind) {
    case 'constant':
      return ast.value ? always : never;
    case 'not': {
      const operand = compileRule(ast.operand);
      return (f) => !operand(f);
    }
    case 'binary':
      return compileChain(ast.op, ast);
    case 'null': {
      const reader = READERS[ast.field];
      if (reader.type === 'set') throw new Error(`${ast.field} is a set: it is never null`);
      const read = reader.read;
      return ast.negated ? (f) => read(f) !== null : (f) => read(f) === null;
    }
    case 'compare': {
      const reader = READERS[ast.field];
      if (reader.type === 'number')
        return compareNumber(reader.read, ast.op, bounds(ast.value, reader.scale));
      if (reader.type === 'text') return compareText(reader.read, ast.op, text(ast.value));
      throw new Error(`${ast.field} is a set: use CONTAINS`);
    }
    case 'in': {
      const reader = READERS[ast.field];
      if (reader.type === 'set') throw new Error(`${ast.field} is a set: use CONTAINS`);
      const values =
        reader.type === 'number'
          ? ast.values
              .map((v) => bounds(v, reader.scale))
              .filter((b) => b.floor === b.ceil)
              .map((b) => b.floor)
          : ast.values.map(text);
      return memberOf(reader.read as (f: RuleFacts) => number | string | null, values, ast.negated);
    }
    case 'contains': {
      const reader = READERS[ast.field];
      if (reader.type !== 'set') throw new Error(`${ast.field} is not a set`);
      return contains(reader.has, ast.values, ast.quantifier === 'ALL');
    }
  }
}

/**
 * A chain of one operator (`a AND b AND c` parses left-deep) as one loop over its operands:
 * no recursion over a long chain, and one call per operand.
 */
function compileChain(op: 'AND' | 'OR', ast: RuleAst): RulePredicate {
  const operands: RuleAst[] = [];
  const pending: RuleAst[] = [ast];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'binary' && node.op === op) pending.push(node.right, node.left);
    else operands.push(node);
  }
  const parts = operands.map(compileRule);
  const [a, b, c] = parts;
  if (op === 'AND') {
    if (parts.length === 2 && a && b) return (f) => a(f) && b(f);
    if (parts.length === 3 && a && b && c) return (f) => a(f) && b(f) && c(f);
    return (f) => {
      for (const part of parts) if (!part(f)) return false;
      return true;
    };
  }
  if (parts.length === 2 && a && b) return (f) => a(f) || b(f);
  if (parts.length === 3 && a && b && c) return (f) => a(f) || b(f) || c(f);
  return (f) => {
    for (const part of parts) if (part(f)) return true;
    return false;
  };
}

/** The literal times 10^scale, rounded down and up: equal when it is a whole number. */
interface Bounds {
  readonly floor: number;
  readonly ceil: number;
}

/** Exact, from the decimal text (see NumberLiteral); the lexer keeps the result a safe integer. */
function bounds(literal: Literal, scale: number): Bounds {
  if (literal.kind !== 'number') throw new Error('a number field compared with a string');
  const negative = literal.text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? literal.text.slice(1) : literal.text).split('.');
  const magnitude = Number(whole + fraction.slice(0, scale).padEnd(scale, '0'));
  const rest = /[1-9]/.test(fraction.slice(scale)) ? 1 : 0;
  return negative
    ? { floor: -magnitude - rest, ceil: -magnitude }
    : { floor: magnitude, ceil: magnitude + rest };
}

function compareNumber(
  read: (f: RuleFacts) => number | null,
  op: CompareOp,
  b: Bounds,
): RulePredicate {
  const exact = b.floor === b.ceil;
  switch (op) {
    case '=':
      return exact ? within(read, b.floor, b.floor) : never;
    case '!=': {
      if (!exact) return (f) => read(f) !== null;
      const k = b.floor;
      return (f) => {
        const v = read(f);
        return v !== null && v !== k;
      };
    }
    case '<':
      return within(read, -Infinity, b.ceil - 1);
    case '<=':
      return within(read, -Infinity, b.floor);
    case '>':
      return within(read, b.floor + 1, Infinity);
    case '>=':
      return within(read, b.ceil, Infinity);
  }
}

function within(read: (f: RuleFacts) => number | null, low: number, high: number): RulePredicate {
  if (high === Infinity)
    return (f) => {
      const v = read(f);
      return v !== null && v >= low;
    };
  if (low === -Infinity)
    return (f) => {
      const v = read(f);
      return v !== null && v <= high;
    };
  return (f) => {
    const v = read(f);
    return v !== null && v >= low && v <= high;
  };
}

function compareText(
  read: (f: RuleFacts) => string | null,
  op: CompareOp,
  s: string,
): RulePredicate {
  switch (op) {
    case '=':
      return (f) => read(f) === s;
    case '!=':
      return (f) => {
        const v = read(f);
        return v !== null && v !== s;
      };
    case '<':
      return (f) => {
        const v = read(f);
        return v !== null && v < s;
      };
    case '<=':
      return (f) => {
        const v = read(f);
        return v !== null && v <= s;
      };
    case '>':
      return (f) => {
        const v = read(f);
        return v !== null && v > s;
      };
    case '>=':
      return (f) => {
        const v = read(f);
        return v !== null && v >= s;
      };
  }
}

function contains(
  has: (f: RuleFacts, value: string) => boolean,
  values: readonly string[],
  all: boolean,
): RulePredicate {
  const [a, b] = values;
  if (values.length === 1 && a !== undefined) return (f) => has(f, a);
  if (values.length === 2 && a !== undefined && b !== undefined)
    return all ? (f) => has(f, a) && has(f, b) : (f) => has(f, a) || has(f, b);
  return all
    ? (f) => {
        for (const v of values) if (!has(f, v)) return false;
        return true;
      }
    : (f) => {
        for (const v of values) if (has(f, v)) return true;
        return false;
      };
}

/** Lists this short are searched in an array; longer ones go into a Set. */
const SHORT_LIST = 8;

function memberOf<T extends number | string>(
  read: (f: RuleFacts) => T | null,
  values: readonly T[],
  negated: boolean,
): RulePredicate {
  if (values.length > SHORT_LIST) {
    const set = new Set(values);
    return negated
      ? (f) => {
          const v = read(f);
          return v !== null && !set.has(v);
        }
      : (f) => {
          const v = read(f);
          return v !== null && set.has(v);
        };
  }
  return negated
    ? (f) => {
        const v = read(f);
        return v !== null && !values.includes(v);
      }
    : (f) => {
        const v = read(f);
        return v !== null && values.includes(v);
      };
}

function text(literal: Literal): string {
  if (literal.kind !== 'string') throw new Error('a text field compared with a number');
  return literal.value;
}
