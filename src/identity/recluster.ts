import type { Tx } from '../neo4j/gateway.js';
import {
  planClusters,
  type Snapshot,
  type SnapEdge,
  type SnapIdentifier,
  type SnapPerson,
  type SnapRetired,
  type Target,
} from './cluster-plan.js';
import type { IdentifierTypes } from './identifier-types.js';
import { oneIdFor } from './ids.js';

export interface ReclusterOptions {
  readonly types: IdentifierTypes;
  readonly threshold: number;
  readonly now: string;
  readonly reason: string;
}

/** What a re-clustering changed, for the caller to refresh RFM and bitmaps of. */
export interface ReclusterResult {
  /** Active persons whose identifiers changed (survivors and new persons). */
  readonly changedPids: readonly number[];
  /** Persons retired by a merge. */
  readonly retiredPids: readonly number[];
  readonly createdPids: readonly number[];
  readonly conflicts: number;
}

interface ExpandRow {
  key: string;
  pid: number | null;
  neighbors: string[];
}

/**
 * Re-clusters the identifiers in `seeds` together with everything they can merge with,
 * inside the caller's write transaction. Touches only the persons involved: never a
 * global recompute. Persons are write-locked before they are read, so concurrent
 * re-clusterings of overlapping persons serialize (a deadlock makes the driver retry).
 */
export async function recluster(
  tx: Tx,
  seeds: readonly string[],
  opts: ReclusterOptions,
): Promise<ReclusterResult> {
  const keys = new Set<string>();
  const locked = new Set<number>();
  /** The retired persons that redirect to a locked one, by pid. */
  const retired = new Map<number, SnapRetired>();
  /** Locks persons and returns their identifiers not seen yet. */
  const lock = async (pids: Iterable<number>): Promise<string[]> => {
    const fresh = [...pids].filter((pid) => !locked.has(pid));
    if (fresh.length === 0) return [];
    const members = await tx.run<{ pid: number; keys: string[]; retired: SnapRetired[] }>(
      'identity/lock-persons',
      { pids: fresh, now: opts.now },
    );
    const unseen: string[] = [];
    for (const m of members) {
      locked.add(m.pid);
      for (const k of m.keys) if (!keys.has(k)) unseen.push(k);
      for (const r of m.retired) retired.set(r.pid, { ...r, anchor: r.anchor ?? null });
    }
    return unseen;
  };

  let frontier = [...new Set(seeds)];
  let snap: Snapshot;
  for (;;) {
    while (frontier.length > 0) {
      for (const k of frontier) keys.add(k);
      const rows = await tx.run<ExpandRow>('identity/expand', {
        keys: frontier,
        threshold: opts.threshold,
      });
      const next = new Set<string>();
      for (const row of rows) for (const n of row.neighbors) if (!keys.has(n)) next.add(n);
      for (const k of await lock(rows.flatMap((r) => (r.pid === null ? [] : [r.pid])))) next.add(k);
      frontier = [...next];
    }
    // The snapshot is read after the locks; a pid in it that is not locked was given to an
    // identifier by a concurrent transaction after the expansion read it: lock that person
    // too and expand again, so the plan always sees whole, locked persons.
    snap = await loadSnapshot(tx, [...keys], retired);
    const unlockedPids = snap.identifiers.flatMap((i) =>
      i.pid === null || locked.has(i.pid) ? [] : [i.pid],
    );
    frontier = await lock(unlockedPids);
    if (unlockedPids.length === 0) break;
  }
  const plan = planClusters(snap, { types: opts.types, threshold: opts.threshold });

  let createdPids: number[] = [];
  if (plan.newPersons.length > 0) {
    const [row] = await tx.run<{ first: number }>('identity/allocate-pids', {
      n: plan.newPersons.length,
    });
    const first = row?.first ?? 0;
    createdPids = plan.newPersons.map((p) => first + p.index);
    await tx.run('identity/create-persons', {
      persons: plan.newPersons.map((p) => ({
        pid: first + p.index,
        oneId: oneIdFor(first + p.index),
        splitFrom: p.splitFrom,
      })),
      now: opts.now,
      reason: opts.reason,
    });
  }
  const pidOf = (t: Target) => ('pid' in t ? t.pid : (createdPids[t.newIndex] as number));
  if (plan.revived.length > 0) {
    await tx.run('identity/revive-persons', {
      persons: plan.revived,
      now: opts.now,
      reason: opts.reason,
    });
  }
  if (plan.moves.length > 0) {
    await tx.run('identity/move-identifiers', {
      moves: plan.moves.map((m) => ({ key: m.key, pid: pidOf(m.to) })),
      now: opts.now,
    });
  }
  if (plan.merges.length > 0) {
    await tx.run('identity/retire-persons', {
      merges: plan.merges,
      now: opts.now,
      reason: opts.reason,
    });
  }
  if (plan.redirects.length > 0) {
    await tx.run('identity/redirect-persons', {
      redirects: plan.redirects,
      now: opts.now,
      reason: opts.reason,
    });
  }
  if (plan.anchors.length > 0) {
    await tx.run('identity/set-anchors', {
      anchors: plan.anchors.map((a) => ({ pid: pidOf(a.to), key: a.key })),
    });
  }
  if (plan.conflicts.length > 0 || plan.resolvedConflicts.length > 0) {
    await tx.run('identity/mark-conflicts', {
      conflicts: plan.conflicts,
      resolved: plan.resolvedConflicts,
      now: opts.now,
    });
  }

  const retiredNow = new Set(plan.merges.map((m) => m.from));
  const changed = new Set<number>();
  // a person that only loses identifiers changes too (its contacts, its RFM)
  const pidBefore = new Map(snap.identifiers.map((i) => [i.key, i.pid]));
  for (const m of plan.moves) {
    changed.add(pidOf(m.to));
    const from = pidBefore.get(m.key);
    if (from !== null && from !== undefined) changed.add(from);
  }
  for (const m of plan.merges) changed.add(m.into);
  for (const p of [...plan.newPersons, ...plan.revived])
    for (const from of p.splitFrom) if (!retiredNow.has(from)) changed.add(from);
  const changedPids = [...changed].filter((pid) => !retiredNow.has(pid)).sort((a, b) => a - b);
  if (changedPids.length > 0) await tx.run('identity/refresh-contacts', { pids: changedPids });
  return {
    changedPids,
    retiredPids: [...retiredNow].sort((a, b) => a - b),
    createdPids,
    conflicts: plan.conflicts.length,
  };
}

interface SnapshotRow {
  key: string;
  type: string;
  value: string;
  firstSeen: string;
  quarantined: boolean;
  pid: number | null;
  oneId: string | null;
  createdAt: string | null;
  anchor: string | null;
  edges: {
    id: string;
    b: string;
    confidence: number;
    active: boolean;
    firstSeen: string;
    seq: number;
    conflict: string | null;
  }[];
}

async function loadSnapshot(
  tx: Tx,
  keys: string[],
  retired: ReadonlyMap<number, SnapRetired>,
): Promise<Snapshot> {
  const rows = await tx.run<SnapshotRow>('identity/load-snapshot', { keys });
  const inSet = new Set(keys);
  const identifiers: SnapIdentifier[] = [];
  const edges: SnapEdge[] = [];
  const persons = new Map<number, SnapPerson>();
  for (const r of rows) {
    identifiers.push({
      key: r.key,
      type: r.type,
      value: r.value,
      firstSeen: r.firstSeen,
      quarantined: r.quarantined,
      pid: r.pid,
    });
    if (r.pid !== null)
      persons.set(r.pid, {
        pid: r.pid,
        oneId: r.oneId ?? '',
        createdAt: r.createdAt ?? '',
        anchor: r.anchor ?? null,
      });
    for (const e of r.edges) {
      if (inSet.has(e.b)) edges.push({ ...e, a: r.key, conflict: e.conflict ?? null });
    }
  }
  return { identifiers, edges, persons: [...persons.values()], retired: [...retired.values()] };
}
