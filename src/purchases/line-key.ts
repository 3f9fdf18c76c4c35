import { hash } from 'node:crypto';

/** Joins fields; a control character that does not occur in retail data. */
const SEPARATOR = '\u001f';

/** 16 hex digits of SHA-1 over the fields in order. Equal field lists give equal keys. */
export function lineKey(fields: readonly string[]): string {
  return hash('sha1', fields.join(SEPARATOR), 'hex').slice(0, 16);
}
