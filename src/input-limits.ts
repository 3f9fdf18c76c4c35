import { InputError } from './errors.js';

/**
 * The maximum of every input, in one place (README, "Security"). Lengths are in UTF-16 code
 * units of the text as received (an identifier value is checked again after normalization).
 * Anything beyond is BAD_USER_INPUT naming the field, a `FILE:LINE` rejection in a load, or
 * a dead letter in a stream; no check costs more than linear time in its input.
 */

/** An identifier type name ("member_id"), and a raw `mobile` / `email` type alike. */
export const MAX_IDENTIFIER_TYPE = 64;
/** An identifier value, before and after normalization (a SHA-256 hex is 64). */
export const MAX_IDENTIFIER_VALUE = 256;
/** `source` of resolveId and linkIdentifiers, `sourceChannel` / `source_channel` of a mapping. */
export const MAX_SOURCE = 64;
/** `links` of one resolveId (or one resolveIds input). */
export const MAX_LINKS_PER_IDENTIFIER = 100;
/** Inputs of one resolveIds call, and links across them. */
export const MAX_RESOLVE_INPUTS = 1_000;
export const MAX_LINKS_PER_CALL = 1_000;
/** Rows of one upsertIdMappings call. */
export const MAX_MAPPING_ROWS = 1_000;
/** Identifiers of one `persons(identifiers:)` query. */
export const MAX_PERSONS_IDENTIFIERS = 100;
/** `person(oneId:)`. */
export const MAX_ONE_ID = 64;
/** Audience package id (1 to 64 of `A-Z a-z 0-9 _ . -`) and name. */
export const MAX_PACKAGE_ID = 64;
export const MAX_PACKAGE_NAME = 200;
/** An audience expression. */
export const MAX_EXPRESSION = 10_000;
/** A rule segment's condition over a person's fields. */
export const MAX_RULE = 4_000;
/** A saved segment's name and description. */
export const MAX_SEGMENT_NAME = 100;
export const MAX_SEGMENT_DESCRIPTION = 1_000;
/** Identifiers added to or removed from a static segment in one call. */
export const MAX_SEGMENT_IDENTIFIERS = 100_000;
/** Persons listed in a preview's samples. */
export const MAX_PREVIEW_SAMPLE = 100;
/** A tag name given alone (`people(segment:)`). */
export const MAX_TAG = 200;
/** A paging cursor (`after`). */
export const MAX_CURSOR = 64;
/** Any other text field of a file row or stream message (names, channels, ids of events). */
export const MAX_FIELD_TEXT = 256;
/** One app event: a JSON line of a file or a Kafka message value, in bytes. */
export const MAX_EVENT_BYTES = 64 * 1024;
/** Rows of one call_id_graph request. */
export const MAX_CALL_ROWS = 10_000;
/** HTTP request bodies, in bytes. */
export const MAX_GRAPHQL_BODY_BYTES = 4 * 1024 * 1024;
/**
 * A GraphQL body of a caller who may list identifiers in a static segment (marketer, steward):
 * MAX_SEGMENT_IDENTIFIERS identifiers in variables, each up to MAX_FIELD_TEXT characters.
 */
export const MAX_GRAPHQL_LIST_BODY_BYTES = 32 * 1024 * 1024;
export const MAX_CALL_BODY_BYTES = 16 * 1024 * 1024;
/** Characters of an input an error message may quote. */
export const ERROR_PREVIEW = 64;

/** The text quoted for an error message: JSON-escaped, at most ERROR_PREVIEW characters. */
export function preview(text: string): string {
  return JSON.stringify(text.length > ERROR_PREVIEW ? `${text.slice(0, ERROR_PREVIEW)}…` : text);
}

/** Throws BAD_USER_INPUT naming `field` when `value` is longer than `max`. */
export function requireMaxLength(value: string, max: number, field: string): string {
  if (value.length > max)
    throw new InputError(`${field} is longer than ${max} characters.`, field, { max });
  return value;
}
