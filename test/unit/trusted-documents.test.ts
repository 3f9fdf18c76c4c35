import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { TrustedDocuments } from '../../src/graphql/trusted-documents.js';

const QUERY = 'query Q { __typename }';
const HEX = createHash('sha256').update(QUERY).digest('hex');

function manifest(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'persisted-documents.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('trusted documents', () => {
  const trusted = TrustedDocuments.load(manifest({ [`sha256:${HEX}`]: QUERY }));

  it('finds a listed document by documentId or APQ hash, with or without the prefix', () => {
    const allowed = { allowed: true, query: QUERY };
    expect(trusted.documentOf({ documentId: `sha256:${HEX}` })).toEqual(allowed);
    const apq = (sha256Hash: string) => ({
      extensions: { persistedQuery: { version: 1, sha256Hash } },
    });
    expect(trusted.documentOf(apq(HEX))).toEqual(allowed);
    expect(trusted.documentOf(apq(`sha256:${HEX.toUpperCase()}`))).toEqual(allowed);
    expect(trusted.documentOf({ query: QUERY })).toEqual(allowed);
  });

  it('refuses unlisted text (even the same operation written differently) and unknown hashes', () => {
    expect(trusted.documentOf({ query: 'query Q {  __typename }' })).toEqual({ allowed: false });
    expect(trusted.documentOf({ documentId: `sha256:${'0'.repeat(64)}` })).toEqual({
      allowed: false,
    });
    expect(trusted.documentOf({ documentId: 'not a hash' })).toEqual({ allowed: false });
    expect(trusted.documentOf({})).toEqual({ allowed: true, query: undefined });
  });

  it('refuses to load a manifest whose keys are not the SHA-256 of their documents', () => {
    expect(() => TrustedDocuments.load(manifest({ [HEX]: `${QUERY} ` }))).toThrow(ConfigError);
    expect(() => TrustedDocuments.load(manifest({ sha1abc: QUERY }))).toThrow(/SHA-256/);
    expect(() => TrustedDocuments.load(manifest('[]'))).toThrow(/not a JSON object/);
    expect(() => TrustedDocuments.load(manifest('{'))).toThrow(/cannot read/);
  });
});
