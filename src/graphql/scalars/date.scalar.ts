import { GraphQLScalarType } from 'graphql';
import { parseIsoDate } from '../../dates.js';
import { stringInput } from './scalar-input-error.js';

/** A calendar date, kept as its "YYYY-MM-DD" text inside the service (never a JS Date). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date without time or time zone, "YYYY-MM-DD" (ISO 8601), e.g. "2026-06-06". Must be a real date: "2026-02-30" is refused with BAD_USER_INPUT naming the argument or field.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    if (typeof value === 'string' && parseIsoDate(value) !== null) return value;
    throw new TypeError(`Date cannot represent ${String(value)}.`);
  },
  ...stringInput('a date YYYY-MM-DD', parseIsoDate),
});
