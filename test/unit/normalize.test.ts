import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  hashContact,
  normalizeEmail,
  normalizeMobile,
  sha256Hex,
} from '../../src/identity/normalize.js';
import { IdentifierTypes } from '../../src/identity/identifier-types.js';

describe('contact normalization', () => {
  it('lower-cases and trims emails', () => {
    expect(normalizeEmail('  Alice.Wang@Example.COM ')).toBe('alice.wang@example.com');
    expect(() => normalizeEmail('not-an-email')).toThrow(InputError);
  });

  it('writes mobiles as E.164 with the default country code when none is given', () => {
    expect(normalizeMobile('138 0013 8000', '86')).toBe('+8613800138000');
    expect(normalizeMobile('+86 138-0013-8000', '86')).toBe('+8613800138000');
    expect(normalizeMobile('0086 13800138000', '86')).toBe('+8613800138000');
    expect(normalizeMobile('07700 900123', '44')).toBe('+447700900123');
    expect(() => normalizeMobile('12', '86')).toThrow(InputError);
  });

  it('stores only the SHA-256 of the normalized text', () => {
    expect(hashContact('email', ' A@B.co ', '86')).toEqual({
      type: 'email_hash',
      value: sha256Hex('a@b.co'),
    });
    expect(hashContact('mobile', '13800138000', '86').value).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('blocked values', () => {
  const types = IdentifierTypes.load(undefined);
  it('blocks empty, placeholder, all-zero devices and the hash of an empty string', () => {
    expect(types.isBlocked('device_id', '00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(types.isBlocked('union_id', 'NULL')).toBe(true);
    expect(types.isBlocked('email_hash', sha256Hex(''))).toBe(true);
    expect(types.isBlocked('member_id', 'MBR001')).toBe(false);
    expect(types.isBlocked('no_such_type', 'x')).toBe(true);
  });
});
