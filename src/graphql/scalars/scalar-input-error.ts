import { Kind, print, type ValueNode } from 'graphql';
import { preview } from '../../input-limits.js';

/**
 * A value a scalar refused on input. Deliberately not a GraphQLError: graphql-js then wraps
 * it with the location of the value, from which formatError names the argument or input
 * field (the scalar itself does not know it).
 */
export class ScalarInputError extends Error {
  constructor(
    /** What the value must be: "a date YYYY-MM-DD". */
    readonly expected: string,
    /** The refused value, quoted and shortened. */
    readonly got: string,
  ) {
    super(`The value must be ${expected}, got ${got}.`);
    this.name = 'ScalarInputError';
  }

  /** The message naming the field: `asOf must be a date YYYY-MM-DD, got "2026-02-30".` */
  messageFor(field: string): string {
    return `${field} must be ${this.expected}, got ${this.got}.`;
  }
}

/** Reads a string-valued scalar from a variable or a literal with `parse`, or throws. */
export function stringInput(expected: string, parse: (text: string) => string | null) {
  const parseValue = (value: unknown): string => {
    const parsed = typeof value === 'string' ? parse(value) : null;
    if (parsed === null)
      throw new ScalarInputError(
        expected,
        typeof value === 'string' ? preview(value) : shorten(JSON.stringify(value)),
      );
    return parsed;
  };
  const parseLiteral = (ast: ValueNode): string => {
    if (ast.kind !== Kind.STRING) throw new ScalarInputError(expected, shorten(print(ast)));
    return parseValue(ast.value);
  };
  return { parseValue, parseLiteral };
}

/** A non-string value as the error shows it. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
