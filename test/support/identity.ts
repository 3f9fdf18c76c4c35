import { defaultIdentifierTypes, IdentifierTypes } from '../../src/identity/identifier-types.js';
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

/**
 * The built-in identifier types with some caps lowered (so that conflicts are frequent in
 * random inputs), and the same rules for the reference model (test/support/union-find.ts).
 */
export function cappedTypes(caps: Readonly<Record<string, number>>, threshold = 0.8) {
  const types = new IdentifierTypes(
    defaultIdentifierTypes.map((t) => ({ ...t, maxPerPerson: caps[t.name] ?? t.maxPerPerson })),
  );
  const rules = {
    threshold,
    priority: (t: string) => types.priority(t),
    cap: (t: string) => types.maxPerPerson(t),
  };
  return { types, rules };
}
