import {
  planClusters,
  type PlanOptions,
  type SnapEdge,
  type SnapIdentifier,
} from '../cluster-plan.js';
import type { LinkGraph } from './link-graph.js';
import { bucket, UnionFind } from './union-find.js';

/** A person a resolve pass creates: its identifiers and its anchor (identifier numbers). */
export interface PlannedPerson {
  readonly anchor: number;
  readonly members: readonly number[];
}

export interface PairFlag {
  readonly a: string;
  readonly b: string;
}

export interface BackfillPlan {
  /** In the order pids are given: anchor firstSeen, then anchor key. */
  readonly persons: PlannedPerson[];
  readonly conflicts: (PairFlag & { readonly reason: string })[];
  /** Links whose stored conflict flag no longer applies. */
  readonly resolved: PairFlag[];
}

/**
 * Plans the persons of a link graph none of whose identifiers has a person yet (a
 * backfill): components over admissible links (active, confidence at least the threshold,
 * no quarantined end) by union-find, then the incremental path's own planner
 * (`planClusters`) on each component with more than one identifier, so caps, conflicts and
 * anchors follow the same rules. A per-batch re-clustering ends with the same partition,
 * because each of its plans re-derives a whole component from all of its links.
 * Pure and deterministic.
 */
export function planBackfill(g: LinkGraph, opts: PlanOptions): BackfillPlan {
  const n = g.size;
  const admissible = (e: number) =>
    g.active(e) &&
    g.confidence(e) >= opts.threshold &&
    !g.quarantined(g.a(e)) &&
    !g.quarantined(g.b(e));
  const uf = new UnionFind(n);
  for (let e = 0; e < g.links; e++) if (admissible(e)) uf.union(g.a(e), g.b(e));
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = uf.find(i);
  const comps = bucket(n, n, (i) => root[i] as number);
  // Links inside one component, by component; the others can only lose a stale flag.
  const resolved: PairFlag[] = [];
  const inside = (e: number) => root[g.a(e)] === root[g.b(e)];
  for (const [e] of g.conflicts)
    if (!inside(e)) resolved.push({ a: g.keys[g.a(e)] as string, b: g.keys[g.b(e)] as string });
  const links = bucket(g.links, n, (e) => (inside(e) ? (root[g.a(e)] as number) : n - 1));

  const persons: PlannedPerson[] = [];
  const conflicts: (PairFlag & { reason: string })[] = [];
  const pair = (edgeId: string) => {
    const e = Number(edgeId);
    return { a: g.keys[g.a(e)] as string, b: g.keys[g.b(e)] as string };
  };
  for (let c = 0; c < n; c++) {
    const from = comps.start[c] as number;
    const to = comps.start[c + 1] as number;
    if (to - from === 1) {
      const only = comps.members[from] as number;
      persons.push({ anchor: only, members: [only] });
      continue;
    }
    if (to === from) continue;
    const identifiers: SnapIdentifier[] = [];
    const number = new Map<string, number>();
    for (let m = from; m < to; m++) {
      const i = comps.members[m] as number;
      const key = g.keys[i] as string;
      number.set(key, i);
      identifiers.push({
        key,
        type: g.types[i] as string,
        value: '',
        firstSeen: g.firstSeen[i] as string,
        quarantined: g.quarantined(i),
        pid: null,
      });
    }
    const edges: SnapEdge[] = [];
    for (let m = links.start[c] as number; m < (links.start[c + 1] as number); m++) {
      const e = links.members[m] as number;
      if (!inside(e) || root[g.a(e)] !== c) continue;
      edges.push({
        id: String(e),
        a: g.keys[g.a(e)] as string,
        b: g.keys[g.b(e)] as string,
        confidence: g.confidence(e),
        active: g.active(e),
        firstSeen: g.linkFirstSeen[e] as string,
        seq: g.seq(e),
        conflict: g.conflicts.get(e) ?? null,
      });
    }
    const plan = planClusters({ identifiers, edges, persons: [], retired: [] }, opts);
    const members: number[][] = plan.newPersons.map(() => []);
    for (const move of plan.moves) {
      if (!('newIndex' in move.to)) throw new Error('a backfill plan moved to an existing person');
      members[move.to.newIndex]?.push(number.get(move.key) as number);
    }
    for (const anchor of plan.anchors) {
      if (!('newIndex' in anchor.to)) continue;
      persons.push({
        anchor: number.get(anchor.key) as number,
        members: members[anchor.to.newIndex] as number[],
      });
    }
    for (const x of plan.conflicts) conflicts.push({ ...pair(x.edgeId), reason: x.reason });
    for (const id of plan.resolvedConflicts) resolved.push(pair(id));
  }
  persons.sort(
    (x, y) =>
      cmp(g.firstSeen[x.anchor] as string, g.firstSeen[y.anchor] as string) ||
      cmp(g.keys[x.anchor] as string, g.keys[y.anchor] as string),
  );
  return { persons, conflicts, resolved };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
