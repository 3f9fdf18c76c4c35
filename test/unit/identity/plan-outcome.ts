import type {
  ClusterPlan,
  SnapPerson,
  SnapRetired,
  Snapshot,
  Target,
} from '../../../src/identity/cluster-plan.js';
import { canonical } from '../../support/union-find.js';

/** A person after a plan: an existing pid, or "new" with the plan's index. */
export type Owner = { readonly pid: number } | { readonly newIndex: number };

/** The state a plan leads to, read the way the transaction writes it. */
export interface Outcome {
  readonly ownerOf: ReadonlyMap<string, Owner>;
  /** Canonical partition of the identifier keys by owner. */
  readonly partition: string[][];
  /** The conflict flag of every edge after the plan. */
  readonly flags: ReadonlyMap<string, string | null>;
}

export const ownerLabel = (o: Owner | Target | undefined): string =>
  o === undefined ? 'none' : 'pid' in o ? `p${o.pid}` : `n${o.newIndex}`;

export function outcomeOf(snap: Snapshot, plan: ClusterPlan): Outcome {
  const ownerOf = new Map<string, Owner>();
  for (const id of snap.identifiers) if (id.pid !== null) ownerOf.set(id.key, { pid: id.pid });
  for (const m of plan.moves) ownerOf.set(m.key, m.to);
  const groups = new Map<string, string[]>();
  for (const [key, owner] of ownerOf) {
    const label = ownerLabel(owner);
    groups.set(label, [...(groups.get(label) ?? []), key]);
  }
  const flags = new Map(snap.edges.map((e) => [e.id, e.conflict]));
  for (const id of plan.resolvedConflicts) flags.set(id, null);
  for (const c of plan.conflicts) flags.set(c.edgeId, c.reason);
  return { ownerOf, partition: canonical(groups.values()), flags };
}

/** The snapshot after writing the plan: new persons get pids from `firstNewPid`. */
export function applyPlan(
  snap: Snapshot,
  plan: ClusterPlan,
  firstNewPid: number,
  now: string,
): Snapshot {
  const { ownerOf, flags } = outcomeOf(snap, plan);
  const pidOf = (o: Owner) => ('pid' in o ? o.pid : firstNewPid + o.newIndex);
  const anchor = new Map(plan.anchors.map((a) => [pidOf(a.to), a.key]));
  const withAnchor = <P extends SnapPerson>(p: P): P => ({
    ...p,
    anchor: anchor.get(p.pid) ?? p.anchor,
  });
  const mergedInto = new Map(plan.merges.map((m) => [m.from, m.into]));
  for (const r of plan.redirects) mergedInto.set(r.from, r.into);
  const revived = new Set(plan.revived.map((r) => r.pid));
  const retired: SnapRetired[] = [
    ...snap.retired.filter((r) => !revived.has(r.pid)),
    ...snap.persons.filter((p) => mergedInto.has(p.pid)).map((p) => ({ ...p, mergedInto: 0 })),
  ].map((r) => withAnchor({ ...r, mergedInto: mergedInto.get(r.pid) ?? r.mergedInto }));
  return {
    identifiers: snap.identifiers.map((id) => ({
      ...id,
      pid: pidOf(ownerOf.get(id.key) as Owner),
    })),
    edges: snap.edges.map((e) => ({ ...e, conflict: flags.get(e.id) ?? null })),
    persons: [
      ...snap.persons.filter((p) => !mergedInto.has(p.pid)),
      ...snap.retired.filter((r) => revived.has(r.pid)).map(({ mergedInto: _, ...p }) => p),
      ...plan.newPersons.map((p) => ({
        pid: firstNewPid + p.index,
        oneId: `OID${firstNewPid + p.index}`,
        createdAt: now,
        anchor: null,
      })),
    ].map(withAnchor),
    retired,
  };
}

/** Where a OneID ends up: itself when active, else followed through mergedInto. */
export function resolvePid(snap: Snapshot, pid: number): number | undefined {
  const next = new Map(snap.retired.map((r) => [r.pid, r.mergedInto]));
  const active = new Set(snap.persons.map((p) => p.pid));
  let at = pid;
  for (let hops = 0; hops <= next.size; hops++) {
    if (active.has(at)) return at;
    const to = next.get(at);
    if (to === undefined) return undefined;
    at = to;
  }
  return undefined;
}
