import { expect } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { overflowReason, pairOf, stableOwners } from '../../support/union-find.js';
import { partitionOf, type GraphState } from './graph-state.js';
import type { IdentityModel } from './identity-model.js';

/**
 * Every identifier belongs to exactly one active person; active persons hold identifiers,
 * retired ones hold none and point to exactly one survivor; pids are dense and OneIDs unique.
 */
export function expectSound(state: GraphState): void {
  expect(state.duplicates, 'one LINKED relationship per pair').toBe(0);
  for (const id of state.identifiers.values()) {
    expect(id.pids, `persons of ${id.key}`).toHaveLength(1);
    expect(state.persons.get(id.pids[0] as number)?.status, `person of ${id.key}`).toBe('active');
  }
  for (const p of state.persons.values()) {
    if (p.status === 'active') {
      expect(p.keys.length, `identifiers of active ${p.oneId}`).toBeGreaterThan(0);
      expect(p.mergedInto, `${p.oneId} is active`).toEqual([]);
    } else {
      expect(p.status).toBe('merged');
      expect(p.keys, `identifiers of retired ${p.oneId}`).toEqual([]);
      expect(p.mergedInto, `survivors of ${p.oneId}`).toHaveLength(1);
    }
  }
  const pids = [...state.persons.keys()].sort((x, y) => x - y);
  expect(pids, 'pids are dense').toEqual(pids.map((_, i) => i + 1));
  const oneIds = new Set([...state.persons.values()].map((p) => p.oneId));
  expect(oneIds.size, 'no two persons share a OneID').toBe(state.persons.size);
}

/** Every OneID, retired or not, answers exactly one active person through the service query. */
export async function expectRedirects(
  db: Gateway,
  state: GraphState,
): Promise<Map<string, number>> {
  const oneIds = [...state.persons.values()].map((p) => p.oneId);
  const rows = await db.readQuery<{ oneId: string; pid: number | null }>(
    'identity/active-pid-by-one-id',
    { oneIds },
  );
  expect(rows.map((r) => r.oneId).sort()).toEqual([...oneIds].sort());
  const target = new Map<string, number>();
  for (const r of rows) {
    expect(r.pid, `${r.oneId} redirects`).not.toBeNull();
    expect(state.persons.get(r.pid as number)?.status, `${r.oneId} redirects`).toBe('active');
    target.set(r.oneId, r.pid as number);
  }
  return target;
}

/** Identifiers, links (with MERGE INTO semantics), persons and conflicts equal the model's. */
export function expectModel(state: GraphState, model: IdentityModel): void {
  const ids = [...state.identifiers.values()].map((i) => [i.key, i.firstSeen, i.quarantined]);
  const modelIds = [...model.identifiers.values()].map((i) => [i.key, i.firstSeen, i.quarantined]);
  expect(ids.sort(), 'identifiers').toEqual(modelIds.sort());
  const links = [...state.links].map(([pair, l]) => [pair, l.confidence, l.active, l.firstSeen]);
  const modelLinks = [...model.links].map(([pair, l]) => [
    pair,
    l.confidence,
    l.active,
    l.firstSeen,
  ]);
  expect(links.sort(), 'links').toEqual(modelLinks.sort());

  const ref = model.clustering();
  expect(partitionOf(state), 'persons are the admissible components').toEqual(ref.components);
  const expected = new Map(
    ref.conflicts.map((c) => [
      pairOf(c.link.a, c.link.b).join('\u0000'),
      c.overflows.map(overflowReason),
    ]),
  );
  const flagged = [...state.links].filter(([, l]) => l.conflict !== null);
  expect(flagged.map(([pair]) => pair).sort(), 'conflicts').toEqual([...expected.keys()].sort());
  for (const [pair, l] of flagged) expect(expected.get(pair)).toContain(l.conflict);
}

/**
 * One operation's effect on persons, against the stable-OneID rule (see stableOwners):
 * persons and OneIDs are never lost or reused; each component keeps the oldest person whose
 * anchor it holds, active or retired (a retired one comes back), the other active ones merge
 * into it, and a component holding none is a new person split from the persons its
 * identifiers came from. Returns the retired persons and their survivors, and the retired
 * persons whose OneID must now reach another person than before.
 */
export function expectStableStep(
  before: GraphState,
  after: GraphState,
  model: IdentityModel,
): { retired: Map<number, number>; redirectsTo: Map<number, number> } {
  const maxBefore = Math.max(0, ...before.persons.keys());
  const { components } = model.clustering();
  const memberships = [...model.identifiers.values()].map((i) => ({
    key: i.key,
    pid: before.identifiers.get(i.key)?.pids[0] ?? null,
    firstSeen: i.firstSeen,
  }));
  const persons = [...before.persons.values()];
  const want = stableOwners(
    components,
    memberships,
    persons.filter((p) => p.status === 'active'),
    persons.filter((p) => p.status !== 'active'),
  );
  for (const p of before.persons.values()) {
    const now = after.persons.get(p.pid);
    expect(now?.oneId, `person ${p.pid} keeps its OneID`).toBe(p.oneId);
    expect(now?.createdAt).toBe(p.createdAt);
    if (p.status !== 'active' && !want.revived.has(p.pid))
      expect(now?.status, `${p.oneId} stays retired`).toBe(p.status);
  }

  const created = new Set<number>();
  components.forEach((members, i) => {
    const pids = new Set(members.map((k) => after.identifiers.get(k)?.pids[0]));
    expect(pids.size, `one person for ${members.join(' ')}`).toBe(1);
    const pid = [...pids][0] as number;
    expect(after.persons.get(pid)?.anchor, `anchor of ${members.join(' ')}`).toBe(want.anchors[i]);
    const owner = want.owners[i] ?? null;
    const splitFrom = [...(after.persons.get(pid)?.splitFrom ?? [])].sort((x, y) => x - y);
    if (owner !== null) {
      expect(pid, `${members.join(' ')} keeps person ${owner}`).toBe(owner);
      if (want.revived.has(owner)) {
        expect(after.persons.get(owner)?.status, `${owner} comes back`).toBe('active');
        for (const from of want.splitFrom[i] ?? []) expect(splitFrom).toContain(from);
      }
      return;
    }
    expect(pid, `${members.join(' ')} is a new person`).toBeGreaterThan(maxBefore);
    created.add(pid);
    expect(splitFrom).toEqual(want.splitFrom[i]);
  });
  const newPids = [...after.persons.keys()].filter((pid) => !before.persons.has(pid));
  expect(newPids.sort(), 'persons created').toEqual([...created].sort());

  const retired = new Map<number, number>();
  for (const p of after.persons.values()) {
    if (p.status === 'active' || before.persons.get(p.pid)?.status !== 'active') continue;
    retired.set(p.pid, p.mergedInto[0] as number);
  }
  expect(retired, 'merges').toEqual(want.merged);
  return { retired, redirectsTo: want.redirectsTo };
}
