import { idKey, type IdRef } from './ids.js';

/** One observed link between two identifiers. */
export interface LinkObservation {
  readonly a: IdRef;
  readonly b: IdRef;
  readonly source: string;
  readonly confidence: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly active?: boolean;
  /** "mapping" rows follow MERGE INTO semantics; see cypher/identity/upsert-links.cypher. */
  readonly mode?: 'observe' | 'mapping';
}

export interface IdentityBatch {
  /** Identifiers seen (links' ends are added automatically). */
  readonly identifiers: readonly (IdRef & {
    readonly seenAt: string;
    readonly lastSeen?: string;
  })[];
  readonly links: readonly LinkObservation[];
}

/** An identifier row for cypher/identity/upsert-identifiers.cypher. */
export interface IdentifierRow {
  readonly key: string;
  readonly type: string;
  readonly value: string;
  seenAt: string;
  lastSeen: string;
  readonly source: string;
}

/** A link row for cypher/identity/upsert-links.cypher. */
export interface LinkRow {
  readonly a: string;
  readonly b: string;
  readonly source: string;
  readonly confidence: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly active: boolean;
  readonly mode: 'observe' | 'mapping';
}

export interface Skipped {
  readonly ref: IdRef;
  readonly reason: string;
}

export type Check = (ref: IdRef) => { ok: true; ref: IdRef } | { ok: false; reason: string };

export interface PreparedBatch {
  readonly identifiers: IdentifierRow[];
  readonly links: LinkRow[];
  readonly skipped: Skipped[];
}

/**
 * Validates and de-duplicates a batch: one row per identifier (earliest first-seen, latest
 * last-seen), one per unordered pair of identifiers (see `combineLinks`), and the
 * identifiers `check` refuses (with their reason). A link with a refused end is dropped.
 * Pure; the result does not depend on the order of the batch's links.
 */
export function prepareBatch(batch: IdentityBatch, reason: string, check: Check): PreparedBatch {
  const skipped: Skipped[] = [];
  const ids = new Map<string, IdentifierRow>();
  const accept = (
    ref: IdRef,
    seenAt: string,
    lastSeen: string,
    source: string,
  ): string | undefined => {
    const checked = check(ref);
    if (!checked.ok) {
      skipped.push({ ref, reason: checked.reason });
      return undefined;
    }
    const key = idKey(checked.ref);
    const known = ids.get(key);
    if (!known) ids.set(key, { key, ...checked.ref, seenAt, lastSeen, source });
    else {
      if (seenAt < known.seenAt) known.seenAt = seenAt;
      if (lastSeen > known.lastSeen) known.lastSeen = lastSeen;
    }
    return key;
  };
  for (const id of batch.identifiers) accept(id, id.seenAt, id.lastSeen ?? id.seenAt, reason);
  const links = new Map<string, LinkRow>();
  for (const link of batch.links) {
    const a = accept(link.a, link.firstSeen, link.lastSeen, link.source);
    const b = accept(link.b, link.firstSeen, link.lastSeen, link.source);
    if (!a || !b || a === b) continue;
    const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const row: LinkRow = {
      a,
      b,
      source: link.source,
      confidence: link.confidence,
      firstSeen: link.firstSeen,
      lastSeen: link.lastSeen,
      active: link.active ?? true,
      mode: link.mode ?? 'observe',
    };
    const known = links.get(pair);
    links.set(pair, known ? combineLinks(known, row) : row);
  }
  return { identifiers: [...ids.values()], links: [...links.values()], skipped };
}

/**
 * Two observations of one pair in a batch, as one row that `upsert-links` turns into what
 * writing them one after the other would give, in either order. Mapping rows (MERGE INTO):
 * the later `lastSeen` wins, an equal one keeps the first. Observations: the highest
 * confidence, active when either is, the earliest first and the latest last sighting.
 */
export function combineLinks(known: LinkRow, row: LinkRow): LinkRow {
  const firstSeen = row.firstSeen < known.firstSeen ? row.firstSeen : known.firstSeen;
  if (known.mode === 'mapping' || row.mode === 'mapping') {
    const later = row.lastSeen > known.lastSeen ? row : known;
    return { ...later, firstSeen };
  }
  return {
    ...known,
    confidence: Math.max(known.confidence, row.confidence),
    firstSeen,
    lastSeen: row.lastSeen > known.lastSeen ? row.lastSeen : known.lastSeen,
    active: known.active || row.active,
  };
}
