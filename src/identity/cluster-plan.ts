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
  readonly conflict: string | null;
}

export interface SnapPerson {
  readonly pid: number;
  readonly oneId: string;
  readonly createdAt: string;
}

export interface Snapshot {
  readonly identifiers: readonly SnapIdentifier[];
  readonly edges: readonly SnapEdge[];
  readonly persons: readonly SnapPerson[];
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
 * lower type priority of the two ends, then age, then key), and a link that would give one
 * person more identifiers of a type than its cap is a conflict instead. OneIDs are stable:
 * a component keeps the oldest person whose earliest identifier it holds; persons whose
 * earliest identifier went elsewhere merge into it; a component holding no person's earliest
 * identifier becomes a new person, split from the persons its identifiers came from.
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

  // The earliest identifier of every existing person: the part holding it keeps the person.
  const anchorOf = new Map<number, SnapIdentifier>();
  for (const id of snap.identifiers) {
    if (id.pid === null) continue;
    const best = anchorOf.get(id.pid);
    if (
      !best ||
      cmp(id.firstSeen, best.firstSeen) < 0 ||
      (id.firstSeen === best.firstSeen && cmp(id.key, best.key) < 0)
    ) {
      anchorOf.set(id.pid, id);
    }
  }
  const personAge = new Map(snap.persons.map((p) => [p.pid, p.createdAt]));

  const moves: { key: string; to: Target }[] = [];
  const newPersons: { index: number; splitFrom: number[] }[] = [];
  const merges: { from: number; into: number }[] = [];
  const ordered = [...components.values()].sort((x, y) => cmp(minKey(x), minKey(y)));
  for (const members of ordered) {
    const kept = [
      ...new Set(
        members
          .filter((id) => id.pid !== null && anchorOf.get(id.pid)?.key === id.key)
          .map((id) => id.pid as number),
      ),
    ];
    kept.sort((x, y) => cmp(personAge.get(x) ?? '', personAge.get(y) ?? '') || x - y);
    let target: Target;
    const survivor = kept[0];
    if (survivor !== undefined) {
      target = { pid: survivor };
      for (const retired of kept.slice(1)) merges.push({ from: retired, into: survivor });
    } else {
      const splitFrom = [
        ...new Set(members.flatMap((id) => (id.pid === null ? [] : [id.pid]))),
      ].sort((x, y) => x - y);
      target = { newIndex: newPersons.length };
      newPersons.push({ index: newPersons.length, splitFrom });
    }
    for (const id of members) {
      if ('pid' in target && id.pid === target.pid) continue;
      moves.push({ key: id.key, to: target });
    }
  }
  return { moves, newPersons, merges, conflicts, resolvedConflicts };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function edgeOrderKey(e: SnapEdge): string {
  return e.a < e.b ? `${e.a}\u0000${e.b}` : `${e.b}\u0000${e.a}`;
}

function minKey(ids: readonly SnapIdentifier[]): string {
  return ids.reduce((m, id) => (id.key < m ? id.key : m), ids[0]?.key ?? '');
}
