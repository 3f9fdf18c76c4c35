/**
 * Reference model of identity clustering, written from the specification (issue 4) and
 * independently of src/identity/cluster-plan.ts, which it exists to check.
 *
 * A person is a connected component over admissible links (active, confidence at least the
 * threshold, neither end quarantined). Links are taken strongest first: confidence desc,
 * then the lower type priority of the two ends desc, then write order asc (the link's seq;
 * links written before sequencing have 0), then the link's firstSeen asc, then the pair of
 * keys asc. A link whose union would give one person more identifiers of a type than
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
  readonly seq: number;
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
    if (x.seq !== y.seq) return x.seq - y.seq;
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
  /** Active person -> the person it merges into. */
  readonly merged: Map<number, number>;
  /** Per component without an owner, or whose owner was retired and comes back: the
   *  persons its identifiers came from, ascending; null otherwise. */
  readonly splitFrom: (number[] | null)[];
  /** Retired persons that come back (they own a component). */
  readonly revived: Set<number>;
  /** Every retired person whose anchor a component holds -> the person its OneID must reach. */
  readonly redirectsTo: Map<number, number>;
  /** Per component: the anchor its person has afterwards. */
  readonly anchors: string[];
}

export interface RefMembership {
  readonly key: string;
  /** The person before re-clustering; null for a new identifier. */
  readonly pid: number | null;
  readonly firstSeen: string;
}

export interface RefPerson {
  readonly pid: number;
  readonly createdAt: string;
  /** The stored anchor; null when none was stored. */
  readonly anchor: string | null;
}

/**
 * Stable OneIDs. A person's anchor is its stored anchor while it holds it, otherwise its
 * earliest identifier (firstSeen, then key); a retired person's is the stored one. The
 * component holding an anchor keeps that person; when one component holds several, the
 * oldest person (createdAt, then pid), active or retired, keeps it: the other active ones
 * merge into it, a retired one comes back, and every other retired one must redirect to it.
 * A component holding no anchor becomes a new person split from the persons its identifiers
 * came from. Afterwards the keeper's anchor is the earlier of its anchor and the component's
 * new identifiers; a new person's is its earliest identifier.
 */
export function stableOwners(
  components: readonly (readonly string[])[],
  before: readonly RefMembership[],
  persons: readonly RefPerson[],
  retired: readonly RefPerson[] = [],
): RefOwnership {
  const firstOf = (ms: readonly RefMembership[]) =>
    [...ms].sort((x, y) => byString(x.firstSeen, y.firstSeen) || byString(x.key, y.key))[0];
  const byKey = new Map(before.map((m) => [m.key, m]));
  const anchorOf = new Map<number, string>();
  for (const p of persons) {
    const stored = p.anchor === null ? undefined : byKey.get(p.anchor);
    const anchor = stored?.pid === p.pid ? stored : firstOf(before.filter((m) => m.pid === p.pid));
    if (anchor) anchorOf.set(p.pid, anchor.key);
  }
  for (const r of retired)
    if (r.anchor !== null && byKey.has(r.anchor)) anchorOf.set(r.pid, r.anchor);
  const age = new Map([...persons, ...retired].map((p) => [p.pid, p.createdAt]));
  const isRetired = new Set(retired.map((r) => r.pid));

  const result: RefOwnership = {
    owners: [],
    merged: new Map(),
    splitFrom: [],
    revived: new Set(),
    redirectsTo: new Map(),
    anchors: [],
  };
  for (const members of components) {
    const inside = new Set(members);
    const holders = [...anchorOf].filter(([, key]) => inside.has(key)).map(([pid]) => pid);
    holders.sort((x, y) => byString(age.get(x) ?? '', age.get(y) ?? '') || x - y);
    const owner = holders[0] ?? null;
    result.owners.push(owner);
    for (const other of holders.slice(1)) {
      if (isRetired.has(other)) result.redirectsTo.set(other, owner as number);
      else result.merged.set(other, owner as number);
    }
    const came = members.map((k) => byKey.get(k)?.pid ?? null).filter((p) => p !== null);
    if (owner !== null && isRetired.has(owner)) result.revived.add(owner);
    result.splitFrom.push(
      owner === null || isRetired.has(owner) ? [...new Set(came)].sort((x, y) => x - y) : null,
    );
    const fresh = members.flatMap((k) => {
      const m = byKey.get(k);
      return m && m.pid === null ? [m] : [];
    });
    const own = owner === null ? [] : [byKey.get(anchorOf.get(owner) as string) as RefMembership];
    const pool =
      owner === null ? members.map((k) => byKey.get(k) as RefMembership) : [...own, ...fresh];
    result.anchors.push((firstOf(pool) as RefMembership).key);
  }
  return result;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
