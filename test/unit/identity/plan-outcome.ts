import type { ClusterPlan, Snapshot, Target } from '../../../src/identity/cluster-plan.js';
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
  const retired = new Set(plan.merges.map((m) => m.from));
  return {
    identifiers: snap.identifiers.map((id) => ({
      ...id,
      pid: pidOf(ownerOf.get(id.key) as Owner),
    })),
    edges: snap.edges.map((e) => ({ ...e, conflict: flags.get(e.id) ?? null })),
    persons: [
      ...snap.persons.filter((p) => !retired.has(p.pid)),
      ...plan.newPersons.map((p) => ({
        pid: firstNewPid + p.index,
        oneId: `OID${firstNewPid + p.index}`,
        createdAt: now,
      })),
    ],
  };
}
