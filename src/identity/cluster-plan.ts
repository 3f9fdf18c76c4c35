import type { IdentifierTypes } from './identifier-types.js';

/** An identifier as loaded for re-clustering. */
export interface SnapIdentifier {
  readonly key: string;
  readonly type: string;
  readonly value: string;
  readonly firstSeen: string;
  readonly quarantined: boolean;
  /** The person it belongs to now; null for an identifier seen for the first time. */
  readonly pid: number | null;
}

export interface SnapEdge {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly confidence: number;
  readonly active: boolean;
  readonly firstSeen: string;
  /** Write order: a link written later has a higher sequence; 0 for links older than it. */
  readonly seq: number;
  readonly conflict: string | null;
}

export interface SnapPerson {
  readonly pid: number;
  readonly oneId: string;
  readonly createdAt: string;
  /** The stored anchor (see {@link planClusters}); null for a person stored without one. */
  readonly anchor: string | null;
}

/** A retired person whose OneID redirects, through MERGED_INTO, to a person of the snapshot. */
export interface SnapRetired extends SnapPerson {
  /** The person it was merged into (itself active or retired). */
  readonly mergedInto: number;
}

export interface Snapshot {
  readonly identifiers: readonly SnapIdentifier[];
  readonly edges: readonly SnapEdge[];
  /** The persons the identifiers belong to. */
  readonly persons: readonly SnapPerson[];
  /** The persons retired into those, directly or through other retired persons. */
  readonly retired: readonly SnapRetired[];
}

/** A person after the plan: an existing pid, or the n-th new person. */
export type Target = { readonly pid: number } | { readonly newIndex: number };

export interface ClusterPlan {
  /** Identifiers whose person changes (or that get their first one). */
  readonly moves: readonly { readonly key: string; readonly to: Target }[];
  /** Persons to create; `splitFrom` lists the persons they were split off. */
  readonly newPersons: readonly { readonly index: number; readonly splitFrom: readonly number[] }[];
  /** Retired persons and their survivor. */
  readonly merges: readonly { readonly from: number; readonly into: number }[];
  /** Edges that became conflicts, with the reason. */
  readonly conflicts: readonly { readonly edgeId: string; readonly reason: string }[];
  /** Edges that were conflicts and are not any more: they merge now, or cannot merge at all. */
  readonly resolvedConflicts: readonly string[];
  /**
   * Retired persons made active again: a split gave back the identifiers their anchor is
   * in, so they take their own OneID back; `splitFrom` lists the persons those came from.
   */
  readonly revived: readonly { readonly pid: number; readonly splitFrom: readonly number[] }[];
  /** Retired persons whose OneID must now redirect to another person (its anchor moved). */
  readonly redirects: readonly { readonly from: number; readonly into: number }[];
  /** Anchors to store: for new persons, and where a person's anchor is new or changes. */
  readonly anchors: readonly { readonly to: Target; readonly key: string }[];
}

export interface PlanOptions {
  readonly types: IdentifierTypes;
  readonly threshold: number;
}

/**
 * Re-clusters a closed set of identifiers (whole persons plus new identifiers).
 *
 * A person is a connected component over admissible links: active, confidence at least
 * the threshold, no quarantined end. Links are taken strongest first (confidence, then the
 * lower type priority of the two ends, then write order, then key): a total order in which
 * a link written later never overtakes an equal one that already holds persons together.
 * A link that would give one person more identifiers of a type than its cap is a conflict.
 *
 * OneIDs are stable. Every person has an anchor: its earliest identifier (firstSeen, then
 * key) among those it was created with or that joined it new to the graph; identifiers that
 * another person brought (a merge, or a piece split off) do not move it. A retired person
 * keeps its anchor. A component keeps the oldest person (createdAt, then pid) whose anchor it holds,
 * active or retired: a retired one is revived, so a split that undoes a merge gives each side
 * back its OneID. The other active persons whose anchor it holds merge into it; a component
 * holding no anchor becomes a new person, split from the persons its identifiers came from.
 *
 * Pure and deterministic: the same snapshot always gives the same plan.
 */
export function planClusters(snap: Snapshot, opts: PlanOptions): ClusterPlan {
  const { types, threshold } = opts;
  const index = new Map(snap.identifiers.map((id, i) => [id.key, i]));
  const parent = snap.identifiers.map((_, i) => i);
  const counts = snap.identifiers.map((id) => new Map([[id.type, 1]]));

  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };

  const rank = (e: SnapEdge) => {
    const a = snap.identifiers[index.get(e.a) as number] as SnapIdentifier;
    const b = snap.identifiers[index.get(e.b) as number] as SnapIdentifier;
    return Math.min(types.priority(a.type), types.priority(b.type));
  };
  const admissible = snap.edges.filter((e) => {
    if (!e.active || e.confidence < threshold) return false;
    const a = index.get(e.a);
    const b = index.get(e.b);
    if (a === undefined || b === undefined) return false;
    return !snap.identifiers[a]?.quarantined && !snap.identifiers[b]?.quarantined;
  });
  admissible.sort(
    (x, y) =>
      y.confidence - x.confidence ||
      rank(y) - rank(x) ||
      x.seq - y.seq ||
      cmp(x.firstSeen, y.firstSeen) ||
      cmp(edgeOrderKey(x), edgeOrderKey(y)),
  );

  const conflicts: { edgeId: string; reason: string }[] = [];
  // A flag on a link that can no longer merge (inactive, weak, quarantined end) is stale.
  const usable = new Set(admissible);
  const resolvedConflicts = snap.edges.filter((e) => e.conflict && !usable.has(e)).map((e) => e.id);
  for (const edge of admissible) {
    const ra = find(index.get(edge.a) as number);
    const rb = find(index.get(edge.b) as number);
    if (ra === rb) {
      if (edge.conflict) resolvedConflicts.push(edge.id);
      continue;
    }
    const ca = counts[ra] as Map<string, number>;
    const cb = counts[rb] as Map<string, number>;
    const over = [...cb].find(([type, n]) => (ca.get(type) ?? 0) + n > types.maxPerPerson(type));
    if (over) {
      const [type] = over;
      const reason = `would give one person ${(ca.get(type) ?? 0) + over[1]} ${type} (at most ${types.maxPerPerson(type)})`;
      if (edge.conflict !== reason) conflicts.push({ edgeId: edge.id, reason });
      continue;
    }
    if (edge.conflict) resolvedConflicts.push(edge.id);
    const [big, small] = ca.size >= cb.size ? [ra, rb] : [rb, ra];
    parent[small] = big;
    const into = counts[big] as Map<string, number>;
    for (const [type, n] of counts[small] as Map<string, number>)
      into.set(type, (into.get(type) ?? 0) + n);
  }

  // Components, each with its identifiers.
  const components = new Map<number, SnapIdentifier[]>();
  snap.identifiers.forEach((id, i) => {
    const root = find(i);
    const list = components.get(root);
    if (list) list.push(id);
    else components.set(root, [id]);
  });

  return {
    ...ownership(snap, [...components.values()]),
    conflicts,
    resolvedConflicts,
  };
}

/** Who owns each component: kept, revived and new persons, merges, redirects, anchors. */
function ownership(
  snap: Snapshot,
  components: readonly SnapIdentifier[][],
): Omit<ClusterPlan, 'conflicts' | 'resolvedConflicts'> {
  const byKey = new Map(snap.identifiers.map((id) => [id.key, id]));
  const members = new Map<number, SnapIdentifier[]>();
  for (const id of snap.identifiers) if (id.pid !== null) push(members, id.pid, id);
  // The anchor of every person, active or retired, that has one in the snapshot. An active
  // person's stored anchor counts while it still holds it; without one (persons stored
  // before anchors were), its earliest identifier. A retired person's is the stored one.
  const anchorOf = new Map<number, string>();
  for (const p of snap.persons) {
    const stored = p.anchor === null ? undefined : byKey.get(p.anchor);
    const anchor = stored?.pid === p.pid ? stored : earliest(members.get(p.pid) ?? []);
    if (anchor) anchorOf.set(p.pid, anchor.key);
  }
  for (const r of snap.retired)
    if (r.anchor !== null && byKey.has(r.anchor)) anchorOf.set(r.pid, r.anchor);
  const retired = new Set(snap.retired.map((r) => r.pid));
  const holders = new Map<string, SnapPerson[]>();
  for (const p of [...snap.persons, ...snap.retired]) {
    const anchor = anchorOf.get(p.pid);
    if (anchor !== undefined) push(holders, anchor, p);
  }

  const moves: { key: string; to: Target }[] = [];
  const newPersons: { index: number; splitFrom: number[] }[] = [];
  const merges: { from: number; into: number }[] = [];
  const revived: { pid: number; splitFrom: number[] }[] = [];
  const anchors: { to: Target; key: string }[] = [];
  const ownerOfRetired = new Map<number, number>();
  const mergedNow = new Set<number>();
  const ordered = [...components].sort((x, y) => cmp(minKey(x), minKey(y)));
  const plans = ordered.map((ids) => {
    const candidates = ids.flatMap((id) => holders.get(id.key) ?? []);
    candidates.sort((x, y) => cmp(x.createdAt, y.createdAt) || x.pid - y.pid);
    return { ids, candidates, owner: candidates[0] };
  });
  for (const { candidates, owner } of plans) {
    if (!owner) continue;
    for (const other of candidates.slice(1)) {
      if (retired.has(other.pid)) ownerOfRetired.set(other.pid, owner.pid);
      else {
        merges.push({ from: other.pid, into: owner.pid });
        mergedNow.add(other.pid);
      }
    }
  }

  for (const { ids, owner } of plans) {
    const cameFrom = () =>
      [...new Set(ids.flatMap((id) => (id.pid === null ? [] : [id.pid])))].sort((x, y) => x - y);
    let target: Target;
    if (!owner) {
      target = { newIndex: newPersons.length };
      newPersons.push({ index: newPersons.length, splitFrom: cameFrom() });
      anchors.push({ to: target, key: (earliest(ids) as SnapIdentifier).key });
    } else {
      target = { pid: owner.pid };
      const isRetired = retired.has(owner.pid);
      if (isRetired) revived.push({ pid: owner.pid, splitFrom: cameFrom() });
      const current = anchorOf.get(owner.pid);
      const own = current === undefined ? undefined : byKey.get(current);
      // Only identifiers new to the graph can become the anchor of an existing person: what
      // another person brought keeps that person's anchor, so a later split can undo it.
      const fresh = ids.filter((id) => id.pid === null);
      const anchor = earliest([...(own ? [own] : []), ...fresh]);
      if (anchor && anchor.key !== owner.anchor) anchors.push({ to: target, key: anchor.key });
    }
    for (const id of ids) {
      if ('pid' in target && id.pid === target.pid) continue;
      moves.push({ key: id.key, to: target });
    }
  }
  // A person retired now keeps its anchor, so that a later split can revive it.
  for (const p of snap.persons) {
    const anchor = anchorOf.get(p.pid);
    if (mergedNow.has(p.pid) && anchor !== undefined && anchor !== p.anchor)
      anchors.push({ to: { pid: p.pid }, key: anchor });
  }
  return {
    moves,
    newPersons,
    merges,
    revived,
    redirects: redirectsOf(snap, plans, merges, ownerOfRetired),
    anchors,
  };
}

/**
 * Retired persons whose OneID, followed through MERGED_INTO after the plan, would reach
 * another person than the one holding their anchor: they redirect to that one.
 */
function redirectsOf(
  snap: Snapshot,
  plans: readonly { owner: SnapPerson | undefined }[],
  merges: readonly { from: number; into: number }[],
  ownerOfRetired: ReadonlyMap<number, number>,
): { from: number; into: number }[] {
  const active = new Set(plans.flatMap((p) => (p.owner ? [p.owner.pid] : [])));
  const next = new Map<number, number>(merges.map((m) => [m.from, m.into]));
  for (const r of snap.retired) if (!active.has(r.pid)) next.set(r.pid, r.mergedInto);
  const resolve = (pid: number): number => {
    let at = pid;
    for (let hops = 0; !active.has(at) && next.has(at) && hops <= next.size; hops++)
      at = next.get(at) as number;
    return at;
  };
  const redirects: { from: number; into: number }[] = [];
  for (const [pid, owner] of [...ownerOfRetired].sort(([x], [y]) => x - y)) {
    if (resolve(pid) === owner) continue;
    redirects.push({ from: pid, into: owner });
    next.set(pid, owner);
  }
  return redirects;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function edgeOrderKey(e: SnapEdge): string {
  return e.a < e.b ? `${e.a}\u0000${e.b}` : `${e.b}\u0000${e.a}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The earliest identifier: firstSeen, then key. */
function earliest(ids: readonly SnapIdentifier[]): SnapIdentifier | undefined {
  let best: SnapIdentifier | undefined;
  for (const id of ids) {
    if (!best || cmp(id.firstSeen, best.firstSeen) < 0) best = id;
    else if (id.firstSeen === best.firstSeen && cmp(id.key, best.key) < 0) best = id;
  }
  return best;
}

function minKey(ids: readonly SnapIdentifier[]): string {
  return ids.reduce((m, id) => (id.key < m ? id.key : m), ids[0]?.key ?? '');
}
