import { InputError } from '../../errors.js';

/** The input field that every expression error names. */
export const EXPRESSION_FIELD = 'expression';

/** A syntax error at a 0-based character offset of the expression text. */
export function syntaxError(message: string, position: number): InputError {
  return new InputError(message, EXPRESSION_FIELD, { position });
}

/** How many known tags an unknown-tag message lists at most. */
export const MAX_LISTED_TAGS = 20;

/**
 * An expression names a tag the lookup does not know. The message lists up to MAX_LISTED_TAGS
 * of `knownTags`, sorted; details are `{ tag, position }`.
 */
export function unknownTagError(
  tag: string,
  position: number,
  knownTags: Iterable<string>,
): InputError {
  const known = [...new Set(knownTags)].sort((a, b) => a.localeCompare(b));
  const listed = known.slice(0, MAX_LISTED_TAGS).map((name) => JSON.stringify(name));
  if (known.length > MAX_LISTED_TAGS) listed.push(`and ${known.length - MAX_LISTED_TAGS} more`);
  const hint = listed.length > 0 ? ` Known tags: ${listed.join(', ')}.` : ' No tags are known.';
  return new InputError(
    `Unknown tag ${JSON.stringify(tag)} at position ${position}.${hint}`,
    EXPRESSION_FIELD,
    {
      tag,
      position,
    },
  );
}
