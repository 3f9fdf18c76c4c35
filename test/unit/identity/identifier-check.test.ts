import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { checkIdentifier, identifierError } from '../../../src/identity/identifier-check.js';
import { IdentifierTypes } from '../../../src/identity/identifier-types.js';
import { normalizeText, sha256Hex } from '../../../src/identity/normalize.js';
import { MAX_IDENTIFIER_VALUE } from '../../../src/input-limits.js';

const types = IdentifierTypes.load(undefined);
const check = (type: string, value: string, t = types) => checkIdentifier(t, { type, value }, '86');

describe('the one normalization path of identifiers', () => {
  it('normalizes text: NFKC, no control or zero-width characters, trimmed', () => {
    expect(normalizeText('\u00a0unknown\u200b')).toBe('unknown');
    expect(normalizeText('null\u0000')).toBe('null');
    expect(normalizeText('\ufeffＭＢＲ００１\u2060 ')).toBe('MBR001');
    expect(normalizeText('\u200b')).toBe('');
  });

  it('blocks invisible placeholders like the visible ones', () => {
    for (const value of ['\u200b', '\u0000', 'null\u0000', '\u00a0unknown\u200b', 'UNKNOWN', ' '])
      expect(check('member_id', value)).toMatchObject({ ok: false, blocked: true, part: 'value' });
    expect(check('member_id', '\u200bMBR001')).toEqual({
      ok: true,
      ref: { type: 'member_id', value: 'MBR001' },
    });
  });

  it('takes only 64 hex characters under the hash types, lower-cased, and never quotes the value', () => {
    const hex = sha256Hex('+8613900000000');
    expect(check('mobile_hash', hex.toUpperCase())).toEqual({
      ok: true,
      ref: { type: 'mobile_hash', value: hex },
    });
    for (const [type, plain] of [
      ['mobile_hash', '+8613987654321'],
      ['email_hash', 'alice@example.com'],
      ['email_hash', hex.slice(1)],
    ] as const) {
      const refused = check(type, plain);
      expect(refused).toMatchObject({ ok: false, blocked: false, part: 'value' });
      expect(refused.ok ? '' : refused.reason).toMatch(/must be 64 hexadecimal characters/);
      expect(refused.ok ? '' : refused.reason).not.toContain(plain.slice(3, 10));
    }
    // the empty string's hash and placeholders are blocked (skipped in loads), not malformed
    expect(check('email_hash', sha256Hex(''))).toMatchObject({ ok: false, blocked: true });
    expect(check('mobile_hash', 'unknown')).toMatchObject({ ok: false, blocked: true });
  });

  it('hashes raw mobile and email, whatever way they are written', () => {
    const hashed = { ok: true, ref: { type: 'mobile_hash', value: sha256Hex('+8613987654321') } };
    expect(check('mobile', '+86 139 8765 4321')).toEqual(hashed);
    expect(check('mobile', '139-8765-4321\u200b')).toEqual(hashed);
    expect(check(' mobile ', '0086 13987654321')).toEqual(hashed);
    expect(check('email', ' Alice@Example.COM ')).toEqual({
      ok: true,
      ref: { type: 'email_hash', value: sha256Hex('alice@example.com') },
    });
    expect(check('mobile', '12')).toMatchObject({ ok: false, blocked: false, part: 'value' });
  });

  it('refuses oversize types and values before any other work, quoting a short prefix at most', () => {
    const big = check('member_id', 'A'.repeat(20_000));
    expect(big).toMatchObject({ ok: false, blocked: false, part: 'value' });
    expect(big.ok ? '' : big.reason).toBe(
      `member_id value longer than ${MAX_IDENTIFIER_VALUE} characters`,
    );
    expect(check('x'.repeat(65), 'v')).toMatchObject({ ok: false, part: 'type' });
    const unknown = check('y'.repeat(64), 'v');
    expect(unknown.ok ? '' : unknown.reason.length).toBeLessThan(100);
    expect(check('member_id', 'A'.repeat(MAX_IDENTIFIER_VALUE)).ok).toBe(true);
  });

  it('names the field at fault in BAD_USER_INPUT', () => {
    const refused = check('mobile_hash', 'plain');
    if (refused.ok) throw new Error('expected a refusal');
    expect(identifierError(refused, '').field).toBe('value');
    expect(identifierError(refused, 'links[2]').field).toBe('links[2].value');
    expect(
      identifierError(refused, { type: 'rows[0].idType', value: 'rows[0].idValue' }).field,
    ).toBe('rows[0].idValue');
    const unknown = check('shoe_size', '42');
    if (unknown.ok) throw new Error('expected a refusal');
    expect(identifierError(unknown, 'identifier').field).toBe('identifier.type');
  });

  it('takes the format rule from the identifier-type configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oneid-types-'));
    const file = join(dir, 'types.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'member_id' },
        { name: 'mobile_hash' },
        { name: 'idfa_hash' },
        { name: 'md5_hash', valuePattern: '^[0-9a-f]{32}$', valueDescription: '32 hex digits' },
        { name: 'store_id', valuePattern: '^S\\d+$' },
      ]),
    );
    const custom = IdentifierTypes.load(file);
    expect(check('mobile_hash', 'plain', custom)).toMatchObject({ ok: false, blocked: false });
    expect(check('idfa_hash', 'plain', custom)).toMatchObject({ ok: false, blocked: false });
    expect(check('md5_hash', 'A'.repeat(32), custom)).toEqual({
      ok: true,
      ref: { type: 'md5_hash', value: 'a'.repeat(32) },
    });
    const md5 = check('md5_hash', 'a'.repeat(64), custom);
    expect(md5.ok ? '' : md5.reason).toBe('md5_hash must be 32 hex digits');
    expect(check('store_id', 'S12', custom).ok).toBe(true);
    expect(check('store_id', 's12', custom).ok).toBe(false);
    writeFileSync(file, JSON.stringify([{ name: 'bad_id', valuePattern: '(' }]));
    expect(() => IdentifierTypes.load(file)).toThrow(ConfigError);
  });
});
