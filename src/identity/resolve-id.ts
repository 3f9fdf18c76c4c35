import { InputError } from '../errors.js';
import type { IdentityService } from './identity-service.js';
import { idKey, nowStamp, type IdRef } from './ids.js';
import { hashContact, rawContactTypes } from './normalize.js';

export interface ResolveIdRequest {
  readonly type: string;
  readonly value: string;
  /** Identifiers of the same person, linked to this one. */
  readonly links?: readonly IdRef[];
  readonly source?: string;
  readonly confidence?: number;
}

export type MatchKind = 'EXISTING' | 'LINKED' | 'NEW';

export interface ResolveIdResult {
  readonly oneId: string;
  readonly pid: number;
  /** A new person was created for this identifier. */
  readonly created: boolean;
  /** EXISTING: known identifier; LINKED: joined an existing person through `links`; NEW: new person. */
  readonly matchedBy: MatchKind;
}

/**
 * Raw `mobile` / `email` become `mobile_hash` / `email_hash` (SHA-256 of the normalized
 * text); the plain text is not kept. Other types are checked against the configuration.
 */
export function normalizeRequestId(
  identity: IdentityService,
  ref: IdRef,
  defaultCountryCode: string,
  field: string,
): IdRef {
  if (ref.type in rawContactTypes)
    return hashContact(
      ref.type as keyof typeof rawContactTypes,
      ref.value,
      defaultCountryCode,
      `${field}.value`,
    );
  return identity.require(ref, field);
}

/**
 * Resolves identifiers to persons, creating them when new. Known identifiers without links
 * are answered by one read; the rest are written in one transaction for the whole batch.
 */
export async function resolveIds(
  identity: IdentityService,
  requests: readonly ResolveIdRequest[],
  defaultCountryCode: string,
): Promise<ResolveIdResult[]> {
  const normalized = requests.map((r, i) => {
    const field = requests.length === 1 ? 'type' : `inputs[${i}]`;
    if (r.confidence !== undefined && !(r.confidence > 0 && r.confidence <= 1))
      throw new InputError('confidence must be in (0, 1].', 'confidence');
    return {
      id: normalizeRequestId(identity, { type: r.type, value: r.value }, defaultCountryCode, field),
      links: (r.links ?? []).map((l, j) =>
        normalizeRequestId(identity, l, defaultCountryCode, `links[${j}]`),
      ),
      source: r.source ?? 'resolveId',
      confidence: r.confidence ?? 1,
    };
  });
  const keys = normalized.map((n) => idKey(n.id));
  const known = await identity.personsOf(keys);
  const pending = normalized.filter((n, i) => n.links.length > 0 || known[i]?.pid == null);
  let created = new Set<number>();
  if (pending.length > 0) {
    const now = nowStamp();
    const result = await identity.ingest(
      {
        identifiers: pending.map((n) => ({ ...n.id, seenAt: now })),
        links: pending.flatMap((n) =>
          n.links.map((l) => ({
            a: n.id,
            b: l,
            source: n.source,
            confidence: n.confidence,
            firstSeen: now,
            lastSeen: now,
          })),
        ),
      },
      'resolveId',
    );
    created = new Set(result.createdPids);
  }
  const after = pending.length > 0 ? await identity.personsOf(keys) : known;
  // Identifiers a link of this batch touches; any other one that was unknown and not created
  // here was created by a concurrent call: it matched an existing person, not through links.
  const linked = new Set(
    pending.flatMap((n) => (n.links.length > 0 ? [n.id, ...n.links] : []).map(idKey)),
  );
  return normalized.map((_, i) => {
    const row = after[i];
    if (!row || row.pid === null || row.oneId === null)
      throw new Error(`identifier ${keys[i]} has no person after resolving`);
    const wasKnown = known[i]?.pid != null;
    const isNew = !wasKnown && created.has(row.pid);
    return {
      oneId: row.oneId,
      pid: row.pid,
      created: isNew,
      matchedBy: wasKnown
        ? 'EXISTING'
        : isNew
          ? 'NEW'
          : linked.has(keys[i] as string)
            ? 'LINKED'
            : 'EXISTING',
    };
  });
}
