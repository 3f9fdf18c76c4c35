import { InputError } from '../errors.js';
import type { Gateway, Tx } from '../neo4j/gateway.js';
import { IdentifierTypes } from './identifier-types.js';
import { idKey, nowStamp, type IdRef } from './ids.js';
import { normalizeValue } from './normalize.js';
import { recluster, type ReclusterResult } from './recluster.js';

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

export interface IngestResult extends ReclusterResult {
  /** Identifiers dropped because their value is blocked or their type unknown. */
  readonly skipped: readonly { readonly ref: IdRef; readonly reason: string }[];
  readonly quarantined: readonly string[];
}

export interface IdentitySettings {
  readonly types: IdentifierTypes;
  readonly threshold: number;
  readonly supernodeLimit: number;
}

/** Listens to person changes, e.g. to refresh RFM and bitmaps after the commit. */
export type PersonsChanged = (change: ReclusterResult) => Promise<void>;

/**
 * Writes identifiers and links and re-clusters what they touch, in one transaction per
 * batch. Blocked values never enter the graph: they are returned as skipped.
 */
export class IdentityService {
  private readonly listeners: PersonsChanged[] = [];

  constructor(
    readonly db: Gateway,
    readonly settings: IdentitySettings,
  ) {}

  onPersonsChanged(listener: PersonsChanged): void {
    this.listeners.push(listener);
  }

  async notify(change: ReclusterResult): Promise<void> {
    if (change.changedPids.length === 0 && change.retiredPids.length === 0) return;
    for (const listener of this.listeners) await listener(change);
  }

  /** Validates type and value; returns the normalized reference or the reason it is skipped. */
  check(ref: IdRef): { ok: true; ref: IdRef } | { ok: false; reason: string } {
    if (!this.settings.types.has(ref.type))
      return { ok: false, reason: `unknown identifier type "${ref.type}"` };
    const value = normalizeValue(ref.type, ref.value ?? '');
    if (this.settings.types.isBlocked(ref.type, value))
      return { ok: false, reason: `blocked ${ref.type} value "${value}"` };
    return { ok: true, ref: { type: ref.type, value } };
  }

  /** Like `check`, but throws a BAD_USER_INPUT error naming `field`. */
  require(ref: IdRef, field: string): IdRef {
    const checked = this.check(ref);
    if (!checked.ok) throw new InputError(`Invalid identifier: ${checked.reason}.`, field);
    return checked.ref;
  }

  async ingest(batch: IdentityBatch, reason: string): Promise<IngestResult> {
    const result = await this.db.writeTransaction(
      (tx) => this.ingestInTx(tx, batch, reason),
      `identity.ingest:${reason}`,
    );
    await this.notify(result);
    return result;
  }

  /** The transactional part of `ingest`, for callers that write more in the same transaction. */
  async ingestInTx(
    tx: Tx,
    batch: IdentityBatch,
    reason: string,
    beforeRecluster?: (tx: Tx) => Promise<void>,
  ): Promise<IngestResult> {
    const now = nowStamp();
    const skipped: { ref: IdRef; reason: string }[] = [];
    const ids = new Map<
      string,
      { key: string; type: string; value: string; seenAt: string; lastSeen: string; source: string }
    >();
    const accept = (
      ref: IdRef,
      seenAt: string,
      source: string,
      lastSeen = seenAt,
    ): string | undefined => {
      const checked = this.check(ref);
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
    for (const id of batch.identifiers) accept(id, id.seenAt, reason, id.lastSeen ?? id.seenAt);
    const links = new Map<string, Record<string, unknown>>();
    for (const link of batch.links) {
      const a = accept(link.a, link.firstSeen, link.source, link.lastSeen);
      const b = accept(link.b, link.firstSeen, link.source, link.lastSeen);
      if (!a || !b || a === b) continue;
      const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
      links.set(pair, {
        a,
        b,
        source: link.source,
        confidence: link.confidence,
        firstSeen: link.firstSeen,
        lastSeen: link.lastSeen,
        active: link.active ?? true,
        mode: link.mode ?? 'observe',
      });
    }
    if (ids.size === 0)
      return {
        changedPids: [],
        retiredPids: [],
        createdPids: [],
        conflicts: 0,
        skipped,
        quarantined: [],
      };

    await tx.run('identity/upsert-identifiers', { ids: [...ids.values()] });
    if (links.size > 0) await tx.run('identity/upsert-links', { links: [...links.values()], now });
    const quarantined =
      links.size > 0
        ? await tx.run<{ key: string }>('identity/quarantine-supernodes', {
            keys: [...new Set([...links.values()].flatMap((l) => [l.a as string, l.b as string]))],
            limit: this.settings.supernodeLimit,
            now,
          })
        : [];
    if (beforeRecluster) await beforeRecluster(tx);
    const result = await recluster(tx, [...ids.keys()], {
      types: this.settings.types,
      threshold: this.settings.threshold,
      now,
      reason,
    });
    return { ...result, skipped, quarantined: quarantined.map((q) => q.key) };
  }

  /** Deactivates or re-activates the link between two identifiers and re-clusters both. */
  async setLinkActive(
    a: IdRef,
    b: IdRef,
    active: boolean,
    by: string,
  ): Promise<ReclusterResult & { found: boolean }> {
    const ka = idKey(this.require(a, 'a'));
    const kb = idKey(this.require(b, 'b'));
    const result = await this.db.writeTransaction(
      async (tx) => {
        const now = nowStamp();
        const [row] = await tx.run<{ found: number }>('identity/set-link-active', {
          a: ka,
          b: kb,
          active,
          now,
          by,
        });
        if (!row || row.found === 0)
          return { changedPids: [], retiredPids: [], createdPids: [], conflicts: 0, found: false };
        const r = await recluster(tx, [ka, kb], {
          types: this.settings.types,
          threshold: this.settings.threshold,
          now,
          reason: active ? `relink by ${by}` : `unlink by ${by}`,
        });
        return { ...r, found: true };
      },
      active ? 'identity.relink' : 'identity.unlink',
    );
    await this.notify(result);
    return result;
  }
}
