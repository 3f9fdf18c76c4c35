import { IdentifierTypes } from '../../src/identity/identifier-types.js';
import { IdentityService } from '../../src/identity/identity-service.js';
import type { IdRef } from '../../src/identity/ids.js';
import type { Gateway } from '../../src/neo4j/gateway.js';

export function identityService(
  db: Gateway,
  overrides: { threshold?: number; supernodeLimit?: number; types?: IdentifierTypes } = {},
) {
  return new IdentityService(db, {
    types: overrides.types ?? new IdentifierTypes([...IdentifierTypes.load(undefined).all]),
    threshold: overrides.threshold ?? 0.8,
    supernodeLimit: overrides.supernodeLimit ?? 50,
  });
}

export const id = (type: string, value: string): IdRef => ({ type, value });

export const link = (a: IdRef, b: IdRef, confidence = 1, seen = '2024-01-01T00:00:00') => ({
  a,
  b,
  source: 'test',
  confidence,
  firstSeen: seen,
  lastSeen: seen,
});

/** Person of each identifier, by key. */
export async function personsOf(db: Gateway, refs: IdRef[]): Promise<(string | null)[]> {
  const rows = await db.readQuery<{ oneId: string | null }>('identity/resolve-keys', {
    keys: refs.map((r) => `${r.type}:${r.value}`),
  });
  return rows.map((r) => r.oneId);
}
