import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultIdentifierTypes,
  IdentifierTypes,
  type IdentifierType,
} from '../../src/identity/identifier-types.js';

/**
 * The default identifier types, except that `mobile_hash` and `email_hash` take short
 * placeholders ("m101a") instead of SHA-256 digests: for tests whose fixtures are easier to
 * read that way. Everything else (caps, priorities, blocklists) is the default.
 */
export const placeholderTypeList: readonly IdentifierType[] = defaultIdentifierTypes.map((t) => {
  if (!t.name.endsWith('_hash')) return t;
  return {
    ...t,
    valuePattern: '^[A-Za-z0-9_.-]{1,64}$',
    valueDescription: 'a test placeholder',
    lowerCase: false,
  };
});

export const placeholderTypes = () => new IdentifierTypes(placeholderTypeList);

/** The same types as a file for ONEID_IDENTIFIER_TYPES_FILE, written into `dir`. */
export function placeholderTypesFile(dir: string): string {
  const file = join(dir, 'identifier-types.json');
  writeFileSync(file, JSON.stringify(placeholderTypeList));
  return file;
}
