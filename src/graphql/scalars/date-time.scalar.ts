import { GraphQLScalarType } from 'graphql';
import { parseIsoTimestamp, parseOffsetTimestamp } from '../../dates.js';
import { stringInput } from './scalar-input-error.js';

/**
 * An instant. Inside the service it is the stored naive UTC timestamp "YYYY-MM-DDTHH:MM:SS"
 * (see src/dates.ts), or an ISO string with an offset (segments store `toISOString()`);
 * clients see it to the second with a `Z` and may send any offset.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description:
    'An instant, RFC 3339 with an offset, to the second. Output is always UTC: "2024-11-01T08:15:00Z". Input takes any offset ("2024-11-01T16:15:00+08:00" is the same instant) and fractions of a second are dropped; a timestamp without an offset is refused with BAD_USER_INPUT naming the argument or field. Times read from source files without an offset are taken as UTC.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    const stamp =
      typeof value === 'string' ? (parseIsoTimestamp(value) ?? parseOffsetTimestamp(value)) : null;
    if (stamp === null) throw new TypeError(`DateTime cannot represent ${String(value)}.`);
    return `${stamp}Z`;
  },
  ...stringInput(
    'an RFC 3339 date-time with an offset, e.g. "2024-11-01T08:15:00Z"',
    parseOffsetTimestamp,
  ),
});
