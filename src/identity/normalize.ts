import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';

/** The country code of a raw mobile number written without one, unless configured. */
export const DEFAULT_COUNTRY_CODE = '86';

/** Raw contact types, accepted wherever an identifier is; only their SHA-256 is ever stored. */
export const rawContactTypes = { mobile: 'mobile_hash', email: 'email_hash' } as const;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Trimmed, lower-cased address; its SHA-256 hex is the `email_hash`. */
export function normalizeEmail(raw: string, field = 'value'): string {
  const email = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new InputError('Not an email address.', field);
  return email;
}

/**
 * E.164 digits with a leading "+": "+8613800138000". A number written without a country
 * code ("138 0013 8000", "0138...") gets `defaultCountryCode`; "+" or "00" mark one.
 */
export function normalizeMobile(raw: string, defaultCountryCode: string, field = 'value'): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = digits;
  else if (digits.startsWith('00')) e164 = digits.slice(2);
  else e164 = defaultCountryCode + digits.replace(/^0+/, '');
  if (e164.length < 8 || e164.length > 15) throw new InputError('Not a mobile number.', field);
  return `+${e164}`;
}

/** The stored identifier for a raw contact: type and SHA-256 hex of the normalized text. */
export function hashContact(
  kind: keyof typeof rawContactTypes,
  raw: string,
  defaultCountryCode: string,
  field = 'value',
) {
  const normalized =
    kind === 'email' ? normalizeEmail(raw, field) : normalizeMobile(raw, defaultCountryCode, field);
  return { type: rawContactTypes[kind], value: sha256Hex(normalized) };
}

/** Control (Cc) and format (Cf: zero-width, BOM, bidi marks, soft hyphen) characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Text as identifiers compare it: Unicode NFKC (full-width letters, ligatures and no-break
 * spaces become their plain forms), control and zero-width characters removed, trimmed.
 * "\u00a0unknown\u200b" is "unknown"; "\u200b" and "\u0000" are "".
 */
export function normalizeText(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').trim();
}
