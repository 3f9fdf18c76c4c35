import { InputError } from '../errors.js';
import { MAX_IDENTIFIER_TYPE, MAX_IDENTIFIER_VALUE, preview } from '../input-limits.js';
import type { IdentifierTypes } from './identifier-types.js';
import type { IdRef } from './ids.js';
import { hashContact, normalizeText, rawContactTypes } from './normalize.js';

/** Why an identifier is refused: `blocked` placeholders are skipped in bulk loads, the rest is bad input. */
export type IdentifierCheck =
  | { readonly ok: true; readonly ref: IdRef }
  | {
      readonly ok: false;
      readonly blocked: boolean;
      /** The part at fault. */
      readonly part: 'type' | 'value';
      /** Names the type; quotes at most a short prefix of a value, never a contact. */
      readonly reason: string;
    };

/** Names of the two parts of an identifier input, for BAD_USER_INPUT; a string is a prefix. */
export type IdentifierFields = string | { readonly type: string; readonly value: string };

/**
 * The one normalization path of every identifier that enters the service (GraphQL, the
 * external function, files, streams, and `IdentityService.ingest` itself), in this order:
 * 1. lengths as received (MAX_IDENTIFIER_TYPE, MAX_IDENTIFIER_VALUE);
 * 2. Unicode NFKC, control and zero-width characters removed, trimmed (`normalizeText`);
 * 3. raw `mobile` / `email` become `mobile_hash` / `email_hash`: SHA-256 of the normalized contact;
 * 4. the type must be configured; values of a `lowerCase` type are lower-cased;
 * 5. blocked values (the type's list, its pattern, and anything empty after step 2);
 * 6. the type's `valuePattern` (a `*_hash` must be 64 hex characters by default).
 * Pure; cost linear in the input.
 */
export function checkIdentifier(
  types: IdentifierTypes,
  ref: { readonly type: string; readonly value: string },
  defaultCountryCode: string,
): IdentifierCheck {
  if (ref.type.length > MAX_IDENTIFIER_TYPE)
    return invalid('type', `identifier type longer than ${MAX_IDENTIFIER_TYPE} characters`);
  const type = normalizeText(ref.type);
  if (ref.value.length > MAX_IDENTIFIER_VALUE)
    return invalid('value', `${type} value longer than ${MAX_IDENTIFIER_VALUE} characters`);
  const text = normalizeText(ref.value);
  if (type in rawContactTypes) {
    const kind = type as keyof typeof rawContactTypes;
    try {
      return { ok: true, ref: hashContact(kind, text, defaultCountryCode) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return invalid('value', `${kind} value is ${error.message.replace(/\.$/, '').toLowerCase()}`);
    }
  }
  const t = types.get(type);
  if (!t) return invalid('type', `unknown identifier type ${preview(type)}`);
  const value = t.lowerCase ? text.toLowerCase() : text;
  if (value === '' || types.isBlocked(type, value))
    return {
      ok: false,
      blocked: true,
      part: 'value',
      reason: `blocked ${type} value ${preview(value)}`,
    };
  if (value.length > MAX_IDENTIFIER_VALUE)
    return invalid('value', `${type} value longer than ${MAX_IDENTIFIER_VALUE} characters`);
  const rule = types.valueRule(type);
  if (rule && !rule.pattern.test(value)) {
    const raw = Object.entries(rawContactTypes).find(([, hashed]) => hashed === type)?.[0];
    const hint = raw ? `; send a plain ${raw} as type "${raw}" to have it hashed` : '';
    return invalid('value', `${type} must be ${rule.description}${hint}`);
  }
  return { ok: true, ref: { type, value } };
}

/** The BAD_USER_INPUT error of a refused identifier, naming the field at fault. */
export function identifierError(
  refused: Extract<IdentifierCheck, { ok: false }>,
  fields: IdentifierFields,
): InputError {
  const field =
    typeof fields === 'string'
      ? fields === ''
        ? refused.part
        : `${fields}.${refused.part}`
      : fields[refused.part];
  return new InputError(`Invalid identifier: ${refused.reason}.`, field);
}

function invalid(part: 'type' | 'value', reason: string): IdentifierCheck {
  return { ok: false, blocked: false, part, reason };
}
