import { Coalescer } from '../neo4j/coalescer.js';
import type { Gateway, Tx } from '../neo4j/gateway.js';
import { IdentifierTypes } from './identifier-types.js';
import { idKey, nowStamp, type IdRef } from './ids.js';
import {
  checkIdentifier,
  identifierError,
  type IdentifierCheck,
  type IdentifierFields,
} from './identifier-check.js';
import { DEFAULT_COUNTRY_CODE } from './normalize.js';
import {
  prepareBatch,
  type IdentifierRow,
  type IdentityBatch,
  type LinkRow,
  type Skipped,
} from './identity-batch.js';
import { recluster, type ReclusterResult } from './recluster.js';
import { DeferredIdentity, NO_CHANGE } from './bulk/deferred-identity.js';

export type { IdentityBatch, LinkObservation } from './identity-batch.js';

export interface IngestResult extends ReclusterResult {
  /** Identifiers dropped because their value is blocked or their type unknown. */
  readonly skipped: readonly Skipped[];
  readonly quarantined: readonly string[];
}

export interface IdentitySettings {
  readonly types: IdentifierTypes;
  readonly threshold: number;
  readonly supernodeLimit: number;
  /** Digits prepended to a raw mobile number without a country code; default DEFAULT_COUNTRY_CODE. */
  readonly defaultCountryCode?: string;
}

/**
 * Keeps data derived per person (RFM summaries, bitmaps) in step with identity changes:
 * `inTransaction` runs in the writing transaction, so the derived data commits atomically
 * with the change (it may be retried with it: database work only); `committed` runs after
 * the commit with what `inTransaction` returned.
 */
export interface PersonsObserver<D = unknown> {
  inTransaction(tx: Tx, change: ReclusterResult): Promise<D>;
  committed(change: ReclusterResult, derived: D): Promise<void>;
}

/** The current person of an identifier key; nulls when the identifier is unknown. */
export interface PersonOfKey {
  readonly key: string;
  readonly oneId: string | null;
  readonly pid: number | null;
}

/**
 * Links created by a transaction that has not reserved their write order yet sort after
 * every stored link: their provisional order is this plus their index in the batch. Far
 * above any number the link counter will reach, and exact as a double.
 */
const PENDING_SEQ = 2 ** 50;

/** Identifiers not `known` with at most `limit` active links among `links`. */
function underLimit(links: readonly LinkRow[], known: ReadonlySet<string>, limit: number) {
  const degree = new Map<string, number>();
  for (const l of links)
    for (const k of [l.a, l.b])
      if (!known.has(k)) degree.set(k, (degree.get(k) ?? 0) + (l.active ? 1 : 0));
  return [...degree].filter(([, d]) => d <= limit).map(([k]) => k);
}

const touchesPersons = (c: ReclusterResult) => c.changedPids.length > 0 || c.retiredPids.length > 0;

/**
 * Writes identifiers and links and re-clusters what they touch, in one transaction per
 * batch. Blocked values never enter the graph: they are returned as skipped.
 */
export class IdentityService {
  private readonly observers: PersonsObserver[] = [];
  private readonly lookups: Coalescer<PersonOfKey>;
  private deferred: DeferredIdentity | null = null;

  constructor(
    readonly db: Gateway,
    readonly settings: IdentitySettings,
  ) {
    this.lookups = new Coalescer(
      (keys) => db.readQuery<PersonOfKey>('identity/resolve-keys', { keys }),
      { maxInFlight: 2, maxKeys: 10_000 },
    );
  }

  /**
   * The current person of each identifier key, in order. Concurrent calls share database
   * round trips (see Coalescer), which is what keeps `resolveId` fast under load.
   */
  personsOf(keys: readonly string[]): Promise<PersonOfKey[]> {
    return this.lookups.lookup(keys);
  }

  observe<D>(observer: PersonsObserver<D>): void {
    this.observers.push(observer as PersonsObserver);
  }

  /**
   * Defers identity for a bulk load: from now on, writes through this service upsert
   * identifiers and links exactly as before (same Cypher, same link write order, same
   * quarantines) but re-cluster nothing and notify no observer; what they would have
   * re-clustered and refreshed is collected in the returned record, for one resolve pass
   * at the end (`resolveDeferred`). Until then the loaded identifiers have no person: in
   * this process resolveId of one fails; another process resolving one gives it (and what
   * it links to) a person, and the pass then re-clusters in chunks instead of backfilling.
   *
   * The load must be the only writer of identities meanwhile (not enforced): its batches
   * create outright the identifiers and links they found missing and number new links in
   * their own transaction. A concurrent writer creating the same identifier makes the batch
   * fail on the unique constraint (the load stops; run it again, it is idempotent); one
   * creating links meanwhile may get the same write-order numbers.
   */
  defer(): DeferredIdentity {
    if (this.deferred) throw new Error('identity is already deferred');
    this.deferred = new DeferredIdentity();
    return this.deferred;
  }

  /** Ends a deferral (`defer`); later writes re-cluster per batch again. */
  undefer(): void {
    this.deferred = null;
  }

  /**
   * Lets the observers refresh what derives from `change` (after a resolve pass), in
   * transactions of at most `chunk` changed persons.
   */
  async publish(change: ReclusterResult, label: string, chunk = 20_000): Promise<void> {
    const { changedPids, retiredPids } = change;
    for (let i = 0; i === 0 || i < changedPids.length; i += chunk) {
      const part: ReclusterResult = {
        changedPids: changedPids.slice(i, i + chunk),
        retiredPids: i === 0 ? retiredPids : [],
        createdPids: [],
        conflicts: 0,
      };
      await this.transact(label, async () => part);
    }
  }

  /**
   * Runs `work` in one write transaction and lets the observers update what derives from
   * the persons it changed (`changedPids`, `retiredPids` of its result), in the same
   * transaction and after the commit. Every write of identities, events and purchases goes
   * through here.
   */
  async transact<T extends ReclusterResult>(
    label: string,
    work: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    const deferred = this.deferred;
    if (deferred) {
      const result = await this.db.writeTransaction(work, label);
      deferred.addChange(result);
      return result;
    }
    let derived: unknown[] = [];
    const result = await this.db.writeTransaction(async (tx) => {
      const change = await work(tx);
      derived = [];
      if (touchesPersons(change))
        for (const o of this.observers) derived.push(await o.inTransaction(tx, change));
      return change;
    }, label);
    if (touchesPersons(result)) {
      for (const [i, o] of this.observers.entries()) await o.committed(result, derived[i]);
    }
    return result;
  }

  /**
   * The one normalization path of identifiers (see `checkIdentifier`): the normalized
   * reference (a raw `mobile` / `email` hashed), or why it is refused.
   */
  check(ref: IdRef): IdentifierCheck {
    return checkIdentifier(
      this.settings.types,
      { type: ref.type ?? '', value: ref.value ?? '' },
      this.settings.defaultCountryCode ?? DEFAULT_COUNTRY_CODE,
    );
  }

  /** The graph key of an identifier after the checks of `check`; null when it is refused. */
  keyOf(ref: IdRef): string | null {
    const checked = this.check(ref);
    return checked.ok ? idKey(checked.ref) : null;
  }

  /**
   * Like `check`, but throws BAD_USER_INPUT naming the field at fault: `fields` is the
   * argument path of the identifier ("" for top-level `type` / `value` arguments, "links[2]"),
   * or the names of its two parts.
   */
  require(ref: IdRef, fields: IdentifierFields): IdRef {
    const checked = this.check(ref);
    if (!checked.ok) throw identifierError(checked, fields);
    return checked.ref;
  }

  async ingest(batch: IdentityBatch, reason: string): Promise<IngestResult> {
    return this.transact(`identity.ingest:${reason}`, (tx) => this.ingestInTx(tx, batch, reason));
  }

  /** The transactional part of `ingest`, for callers that write more in the same transaction. */
  async ingestInTx(
    tx: Tx,
    batch: IdentityBatch,
    reason: string,
    /** Runs after the upserts; returns identifier keys whose links it changed. */
    beforeRecluster?: (tx: Tx) => Promise<readonly string[]>,
  ): Promise<IngestResult> {
    const now = nowStamp();
    const { identifiers, links, skipped } = prepareBatch(batch, reason, (ref) => this.check(ref));
    if (identifiers.length === 0) {
      const seeds = (await beforeRecluster?.(tx)) ?? [];
      return { ...(await this.settle(tx, seeds, [], reason)), skipped, quarantined: [] };
    }
    // Only what can change the clustering is re-clustered: new identifiers, new links, links
    // that start or stop being able to merge, new quarantines, and what the caller changed.
    const keys = identifiers.map((i) => i.key);
    const known = new Set(
      (await tx.run<{ key: string }>('identity/existing-keys', { keys })).map((r) => r.key),
    );
    const deferred = this.deferred;
    if (deferred) await this.createOrUpsertIdentifiers(tx, identifiers, known);
    else await tx.run('identity/upsert-identifiers', { ids: identifiers });
    // one a concurrent transaction creates meanwhile counts as new here too, which is harmless
    const seeds = new Set(keys.filter((k) => !known.has(k)));
    let quarantined: { key: string }[] = [];
    let created: { a: string; b: string }[] = [];
    if (links.length > 0) {
      const changed = deferred
        ? await this.createOrUpsertLinks(tx, links, known, now)
        : await tx.run<{ a: string; b: string; created: boolean }>('identity/upsert-links', {
            links,
            threshold: this.settings.threshold,
            now,
            pendingSeq: PENDING_SEQ,
          });
      created = changed.filter((l) => l.created);
      for (const { a, b } of changed) seeds.add(a).add(b);
      // only a new or re-activated link can push an identifier over the supernode limit
      const ends = new Set(changed.flatMap((l) => [l.a, l.b]));
      // deferred: an identifier new in this batch has only this batch's links, so one with
      // no more active ones than the limit cannot be a supernode; the query need not see it
      if (deferred)
        for (const k of underLimit(links, known, this.settings.supernodeLimit)) ends.delete(k);
      quarantined = ends.size
        ? await tx.run<{ key: string }>('identity/quarantine-supernodes', {
            keys: [...ends],
            limit: this.settings.supernodeLimit,
            now,
          })
        : [];
      for (const { key } of quarantined) seeds.add(key);
    }
    for (const key of (await beforeRecluster?.(tx)) ?? []) seeds.add(key);
    let result = await this.settle(tx, [...seeds], keys, reason);
    if (quarantined.length > 0) {
      if (deferred) deferred.addQuarantined(quarantined.map((q) => q.key));
      else
        result = await this.refreshQuarantined(
          tx,
          quarantined.map((q) => q.key),
          result,
        );
    }
    if (created.length > 0) {
      if (deferred) await this.nextLinkSeq(tx, created.length);
      else await this.assignLinkSeqs(tx, created);
    }
    return { ...result, skipped, quarantined: quarantined.map((q) => q.key) };
  }

  /**
   * upsert-identifiers for a bulk load: identifiers not `known` are created outright (same
   * properties), the others upserted.
   */
  private async createOrUpsertIdentifiers(
    tx: Tx,
    identifiers: readonly IdentifierRow[],
    known: ReadonlySet<string>,
  ): Promise<void> {
    const fresh = identifiers.filter((i) => !known.has(i.key));
    const old = identifiers.filter((i) => known.has(i.key));
    if (fresh.length > 0) await tx.run('identity/create-identifiers', { ids: fresh });
    if (old.length > 0) await tx.run('identity/upsert-identifiers', { ids: old });
  }

  /**
   * upsert-links for a bulk load, the one writer: a link between two identifiers new in this
   * batch is created outright; the others are upserted. Either way a new link gets its final
   * write order at once (the number assignLinkSeqs would give it: the next free one plus its
   * row index) and the counter moves in this transaction: no second transaction, no
   * renumbering.
   */
  private async createOrUpsertLinks(
    tx: Tx,
    links: readonly LinkRow[],
    known: ReadonlySet<string>,
    now: string,
  ): Promise<{ a: string; b: string; created: boolean }[]> {
    const first = await this.nextLinkSeq(tx, 0);
    const rows = links.map((l, n) => ({ ...l, n }));
    const fresh = rows.filter((l) => !known.has(l.a) && !known.has(l.b));
    const old = rows.filter((l) => known.has(l.a) || known.has(l.b));
    if (fresh.length > 0) await tx.run('identity/create-links', { links: fresh, now, first });
    const changed = fresh.map(({ a, b }) => ({ a, b, created: true }));
    if (old.length > 0)
      changed.push(
        ...(await tx.run<{ a: string; b: string; created: boolean }>('identity/upsert-links', {
          links: old,
          threshold: this.settings.threshold,
          now,
          pendingSeq: first,
        })),
      );
    return changed;
  }

  /**
   * A quarantine that moves no identifier still changes its person: its contacts (a
   * quarantined mobile or email is not one) and what derives from it. Refreshes the contacts
   * of the persons of `keys` and adds them to `change`.
   */
  async refreshQuarantined(
    tx: Tx,
    keys: readonly string[],
    change: ReclusterResult,
  ): Promise<ReclusterResult> {
    const rows = await tx.run<{ pid: number | null }>('identity/resolve-keys', { keys });
    const retired = new Set(change.retiredPids);
    const known = new Set(change.changedPids);
    const pids = [
      ...new Set(rows.flatMap((r) => (r.pid === null || known.has(r.pid) ? [] : [r.pid]))),
    ].filter((pid) => !retired.has(pid));
    if (pids.length === 0) return change;
    await tx.run('identity/refresh-contacts', { pids });
    return { ...change, changedPids: [...known, ...pids].sort((a, b) => a - b) };
  }

  /** Reserves `n` link write-order numbers in `tx`; the first of them (the next one for 0). */
  private async nextLinkSeq(tx: Tx, n: number): Promise<number> {
    const [row] = await tx.run<{ first: number }>('identity/allocate-link-seqs', { n });
    return row?.first ?? 1;
  }

  /**
   * Gives the links this transaction created their place in the write order. Until now they
   * came after every stored link (a provisional order past PENDING_SEQ). The numbers are
   * reserved in a transaction of their own, after this one has locked the persons involved:
   * a writer that touches the same persons commits before or after it, never in between.
   */
  private async assignLinkSeqs(tx: Tx, links: readonly { a: string; b: string }[]) {
    const [row] = await this.db.writeQuery<{ first: number }>('identity/allocate-link-seqs', {
      n: links.length,
    });
    await tx.run('identity/assign-link-seqs', {
      links: links.map(({ a, b }) => ({ a, b })),
      first: row?.first ?? 1,
      pendingSeq: PENDING_SEQ,
    });
  }

  /**
   * Re-clusters `seeds` now, or, while deferred, remembers them and every identifier of the
   * batch (`batchKeys`) for the resolve pass: a load run again after a crash then resolves
   * the identifiers the first run wrote, though they are not new any more.
   */
  private async settle(
    tx: Tx,
    seeds: readonly string[],
    batchKeys: readonly string[],
    reason: string,
  ) {
    if (!this.deferred) return this.reclusterInTx(tx, seeds, reason);
    this.deferred.addSeeds(seeds);
    this.deferred.addSeeds(batchKeys);
    return NO_CHANGE;
  }

  /** Re-clusters the persons of `seeds` (identifier keys) in the caller's transaction. */
  async reclusterInTx(tx: Tx, seeds: readonly string[], reason: string): Promise<ReclusterResult> {
    if (seeds.length === 0)
      return { changedPids: [], retiredPids: [], createdPids: [], conflicts: 0 };
    return recluster(tx, seeds, {
      types: this.settings.types,
      threshold: this.settings.threshold,
      now: nowStamp(),
      reason,
    });
  }

  /**
   * Deactivates or re-activates the link between two identifiers, normalized (see `check`),
   * and re-clusters both; `found` is false when they are not linked.
   */
  async setLinkActive(
    a: IdRef,
    b: IdRef,
    active: boolean,
    by: string,
  ): Promise<ReclusterResult & { found: boolean }> {
    const ka = idKey(a);
    const kb = idKey(b);
    return this.transact(active ? 'identity.relink' : 'identity.unlink', async (tx) => {
      const [row] = await tx.run<{ found: number }>('identity/set-link-active', {
        a: ka,
        b: kb,
        active,
        now: nowStamp(),
        by,
      });
      const found = (row?.found ?? 0) > 0;
      const r = await this.reclusterInTx(
        tx,
        found ? [ka, kb] : [],
        `${active ? 'relink' : 'unlink'} by ${by}`,
      );
      return { ...r, found };
    });
  }
}
