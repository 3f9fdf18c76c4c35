import { InputError } from '../errors.js';
import { MAX_SOURCE, requireMaxLength } from '../input-limits.js';

/**
 * The arguments the identity commands share besides identifiers (those take
 * `IdentityService.require`), each checked in one place. They throw BAD_USER_INPUT naming
 * the field by its path in the caller's input: `confidence`, `inputs[2].source`.
 */

/** The path of field `name` of the input at `at`; "" is the top level: "value", "inputs[2].value". */
export const fieldAt = (at: string, name: string): string => (at === '' ? name : `${at}.${name}`);

/** A link confidence: in (0, 1], 1 when not given. */
export function confidenceArg(value: number | null | undefined, field: string): number {
  if (value == null) return 1;
  if (!(value > 0 && value <= 1)) throw new InputError('confidence must be in (0, 1].', field);
  return value;
}

/** A link source: at most MAX_SOURCE characters, `fallback` when not given or empty. */
export function sourceArg(
  value: string | null | undefined,
  fallback: string,
  field: string,
): string {
  return value ? requireMaxLength(value, MAX_SOURCE, field) : fallback;
}
