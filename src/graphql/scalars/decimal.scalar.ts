import { GraphQLScalarType } from 'graphql';
import { stringInput } from './scalar-input-error.js';

/** Plain decimal notation, at most 30 digits: no exponent, no leading zeros, no "+". */
const DECIMAL = /^-?(?:0|[1-9]\d{0,29})(?:\.\d{1,30})?$/;

const parseDecimalText = (text: string): string | null => (DECIMAL.test(text) ? text : null);

/**
 * An exact decimal, kept as its text from end to end: a resolver returns the string (money is
 * formatted from integer cents, see src/rows/cents.ts), and a number is refused, so a binary
 * float can never reach a client.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal number as a JSON string, e.g. "16351022.94" or "-3.50", so that no client parses it into a binary float. Money is in the currency of the source data with exactly 2 decimals; add amounts with a decimal library or as integer cents.',
  serialize(value) {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    throw new TypeError(`Decimal cannot represent ${String(value)}: only decimal text is sent.`);
  },
  ...stringInput('a decimal number as a string, e.g. "12.50"', parseDecimalText),
});
