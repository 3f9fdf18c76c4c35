/**
 * Reference model of identity clustering, written from the specification (issue 4) and
 * independently of src/identity/cluster-plan.ts, which it exists to check.
 *
 * A person is a connected component over admissible links (active, confidence at least the
 * threshold, neither end quarantined). Links are taken strongest first: confidence desc,
 * then the lower type priority of the two ends desc, then the link's firstSeen asc, then the
 * pair of keys asc. A link whose union would give one person more identifiers of a type than
 * the type's cap is refused: it is a conflict.
 */

export interface RefIdentifier {
  readonly key: string;
  readonly type: string;
  readonly quarantined?: boolean;
}

export interface RefLink {
  readonly a: string;
  readonly b: string;
  readonly confidence: number;
  readonly active: boolean;
  readonly firstSeen: string;
}

export interface RefRules {
  readonly threshold: number;
  priority(type: string): number;
  cap(type: string): number;
}

/** One way a refused link would have broken a cap. */
export interface RefOverflow {
  readonly type: string;
  readonly count: number;
  readonly cap: number;
}

export interface RefConflict<L extends RefLink> {
  readonly link: L;
  /** Every type the union would have overfilled (at least one). */
  readonly overflows: readonly RefOverflow[];
}

export interface RefClustering<L extends RefLink> {
  /** Components as sorted key lists, ordered by their first key. */
  readonly components: string[][];
  /** Admissible links refused because of a cap, in the order they were refused. */
  readonly conflicts: RefConflict<L>[];
  /** Admissible links in the order they were considered. */
  readonly order: L[];
}

/** The canonical form of a partition: sorted members, components ordered by first member. */
export function canonical(groups: Iterable<Iterable<string>>): string[][] {
  const out = [...groups].map((g) => [...g].sort(byString)).filter((g) => g.length > 0);
  return out.sort((x, y) => byString(x[0] as string, y[0] as string));
}

export function pairOf(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** The conflict reason the service stores for one overflow. */
export function overflowReason(o: RefOverflow): string {
  return `would give one person ${o.count} ${o.type} (at most ${o.cap})`;
}

export function cluster<L extends RefLink>(
  identifiers: readonly RefIdentifier[],
  links: readonly L[],
  rules: RefRules,
): RefClustering<L> {
  const typeOf = new Map(identifiers.map((i) => [i.key, i.type]));
  const quarantined = new Set(identifiers.filter((i) => i.quarantined).map((i) => i.key));

  // Every identifier starts as its own group; `groupOf` names the group of each key.
  const groups = new Map<string, Set<string>>(identifiers.map((i) => [i.key, new Set([i.key])]));
  const groupOf = new Map(identifiers.map((i) => [i.key, i.key]));

  const weakerEnd = (l: RefLink) =>
    Math.min(rules.priority(typeOf.get(l.a) ?? ''), rules.priority(typeOf.get(l.b) ?? ''));
  const usable = links.filter(
    (l) =>
      l.active &&
      l.confidence >= rules.threshold &&
      typeOf.has(l.a) &&
      typeOf.has(l.b) &&
      l.a !== l.b &&
      !quarantined.has(l.a) &&
      !quarantined.has(l.b),
  );
  const order = [...usable].sort((x, y) => {
    if (x.confidence !== y.confidence) return y.confidence - x.confidence;
    if (weakerEnd(x) !== weakerEnd(y)) return weakerEnd(y) - weakerEnd(x);
    if (x.firstSeen !== y.firstSeen) return byString(x.firstSeen, y.firstSeen);
    const [xlo, xhi] = pairOf(x.a, x.b);
    const [ylo, yhi] = pairOf(y.a, y.b);
    return byString(xlo, ylo) || byString(xhi, yhi);
  });

  const conflicts: RefConflict<L>[] = [];
  for (const link of order) {
    const ga = groupOf.get(link.a) as string;
    const gb = groupOf.get(link.b) as string;
    if (ga === gb) continue;
    const joined = [...(groups.get(ga) as Set<string>), ...(groups.get(gb) as Set<string>)];
    const counts = new Map<string, number>();
    for (const key of joined) {
      const type = typeOf.get(key) as string;
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    const overflows = [...counts]
      .filter(([type, n]) => n > rules.cap(type))
      .map(([type, count]) => ({ type, count, cap: rules.cap(type) }));
    if (overflows.length > 0) {
      conflicts.push({ link, overflows });
      continue;
    }
    groups.set(ga, new Set(joined));
    groups.delete(gb);
    for (const key of joined) groupOf.set(key, ga);
  }
  return { components: canonical(groups.values()), conflicts, order };
}

/** What re-clustering must do with existing persons, by the stable-OneID rule. */
export interface RefOwnership {
  /** Per component (same order): the person that keeps it, or null for a new person. */
  readonly owners: (number | null)[];
  /** Retired person -> the person it merges into. */
  readonly merged: Map<number, number>;
  /** Per component without an owner: the persons its identifiers came from, ascending. */
  readonly splitFrom: (number[] | null)[];
}

export interface RefMembership {
  readonly key: string;
  /** The person before re-clustering; null for a new identifier. */
  readonly pid: number | null;
  readonly firstSeen: string;
}

/**
 * Stable OneIDs: a person's anchor is its earliest identifier (firstSeen, then key). The
 * component holding the anchor keeps the person; when one component holds several anchors,
 * the oldest person (createdAt, then pid) keeps it and the others merge into it; a component
 * holding no anchor becomes a new person split from the persons its identifiers came from.
 */
export function stableOwners(
  components: readonly (readonly string[])[],
  before: readonly RefMembership[],
  createdAt: ReadonlyMap<number, string>,
): RefOwnership {
  const anchors = new Map<number, RefMembership>();
  for (const m of before) {
    if (m.pid === null) continue;
    const a = anchors.get(m.pid);
    const earlier =
      !a || m.firstSeen < a.firstSeen || (m.firstSeen === a.firstSeen && m.key < a.key);
    if (earlier) anchors.set(m.pid, m);
  }
  const pidOf = new Map(before.map((m) => [m.key, m.pid]));
  const owners: (number | null)[] = [];
  const splitFrom: (number[] | null)[] = [];
  const merged = new Map<number, number>();
  for (const members of components) {
    const inside = new Set(members);
    const holders = [...anchors].filter(([, m]) => inside.has(m.key)).map(([pid]) => pid);
    holders.sort((x, y) => byString(createdAt.get(x) ?? '', createdAt.get(y) ?? '') || x - y);
    const owner = holders[0] ?? null;
    owners.push(owner);
    for (const other of holders.slice(1)) merged.set(other, owner as number);
    if (owner !== null) splitFrom.push(null);
    else {
      const from = new Set(members.map((k) => pidOf.get(k) ?? null).filter((p) => p !== null));
      splitFrom.push([...from].sort((x, y) => x - y));
    }
  }
  return { owners, merged, splitFrom };
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
