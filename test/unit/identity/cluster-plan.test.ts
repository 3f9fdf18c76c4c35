import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planClusters,
  type SnapEdge,
  type SnapIdentifier,
  type Snapshot,
} from '../../../src/identity/cluster-plan.js';
import { defaultIdentifierTypes, IdentifierTypes } from '../../../src/identity/identifier-types.js';
import { cluster, overflowReason, stableOwners, type RefRules } from '../../support/union-find.js';
import { applyPlan, ownerLabel, outcomeOf, resolvePid } from './plan-outcome.js';
import { caseArbitrary, THRESHOLD, type Case } from './snapshot-arbitrary.js';

const RUNS = { numRuns: 500 };

function reference({ snap, rules }: Case) {
  return cluster(snap.identifiers, snap.edges, rules);
}

describe('planClusters against the reference union-find', () => {
  it('persons are the admissible components, taken strongest first under the caps', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const plan = planClusters(c.snap, { types: c.types, threshold: THRESHOLD });
        expect(outcomeOf(c.snap, plan).partition).toEqual(reference(c).components);
      }),
      RUNS,
    );
  });

  it('flags exactly the links refused by a cap, with a reason naming an overfilled type', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const plan = planClusters(c.snap, { types: c.types, threshold: THRESHOLD });
        const { flags } = outcomeOf(c.snap, plan);
        const expected = new Map(
          reference(c).conflicts.map((x) => [x.link.id, x.overflows.map(overflowReason)]),
        );
        const flagged = [...flags].filter(([, reason]) => reason !== null).map(([id]) => id);
        expect(flagged.sort()).toEqual([...expected.keys()].sort());
        for (const [id, reasons] of expected) expect(reasons).toContain(flags.get(id));
        // Only changes are reported: a new reason, or a flag that no longer applies.
        const before = new Map(c.snap.edges.map((e) => [e.id, e.conflict]));
        for (const x of plan.conflicts) expect(before.get(x.edgeId)).not.toBe(x.reason);
        for (const id of plan.resolvedConflicts) expect(before.get(id)).not.toBeNull();
        expect(new Set(plan.resolvedConflicts).size).toBe(plan.resolvedConflicts.length);
      }),
      RUNS,
    );
  });

  it('keeps OneIDs stable: anchors decide, the oldest holder keeps, a retired one comes back', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const plan = planClusters(c.snap, { types: c.types, threshold: THRESHOLD });
        const { ownerOf } = outcomeOf(c.snap, plan);
        const { components } = reference(c);
        const want = stableOwners(components, c.snap.identifiers, c.snap.persons, c.snap.retired);
        const after = applyPlan(c.snap, plan, 100, '2099-01-01T00:00:00');
        const anchorAfter = new Map(after.persons.map((p) => [p.pid, p.anchor]));
        const newLabels = new Set<string>();
        components.forEach((members, i) => {
          const labels = new Set(members.map((k) => ownerLabel(ownerOf.get(k))));
          expect(labels.size).toBe(1);
          const label = [...labels][0] as string;
          const owner = want.owners[i];
          if (owner !== null && owner !== undefined) expect(label).toBe(`p${owner}`);
          else {
            expect(label).toMatch(/^n\d+$/);
            newLabels.add(label);
            const person = plan.newPersons.find((p) => `n${p.index}` === label);
            expect(person?.splitFrom).toEqual(want.splitFrom[i]);
          }
          if (owner !== null && owner !== undefined && want.revived.has(owner))
            expect(plan.revived.find((r) => r.pid === owner)?.splitFrom).toEqual(want.splitFrom[i]);
          const pid = after.identifiers.find((id) => id.key === members[0])?.pid as number;
          expect(anchorAfter.get(pid), `anchor of ${label}`).toBe(want.anchors[i]);
        });
        expect(plan.newPersons.map((p) => `n${p.index}`).sort()).toEqual([...newLabels].sort());
        expect(new Map(plan.merges.map((m) => [m.from, m.into]))).toEqual(want.merged);
        expect(plan.merges).toHaveLength(want.merged.size);
        expect(new Set(plan.revived.map((r) => r.pid))).toEqual(want.revived);
        for (const [pid, into] of want.redirectsTo)
          expect(resolvePid(after, pid), `OID${pid} redirects`).toBe(into);
        // Every OneID still reaches an active person.
        for (const r of after.retired) expect(resolvePid(after, r.pid)).toBeDefined();
      }),
      RUNS,
    );
  });

  it('moves exactly the identifiers whose person changes, each once', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const plan = planClusters(c.snap, { types: c.types, threshold: THRESHOLD });
        const keys = plan.moves.map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
        const before = new Map(c.snap.identifiers.map((i) => [i.key, i.pid]));
        for (const m of plan.moves) expect(ownerLabel(m.to)).not.toBe(`p${before.get(m.key)}`);
        for (const id of c.snap.identifiers) if (id.pid === null) expect(keys).toContain(id.key);
      }),
      RUNS,
    );
  });

  it('is a fixpoint: planning the written result again changes nothing', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const opts = { types: c.types, threshold: THRESHOLD };
        const after = applyPlan(c.snap, planClusters(c.snap, opts), 100, '2099-01-01T00:00:00');
        expect(planClusters(after, opts)).toEqual({
          moves: [],
          newPersons: [],
          merges: [],
          conflicts: [],
          resolvedConflicts: [],
          revived: [],
          redirects: [],
          anchors: [],
        });
      }),
      RUNS,
    );
  });

  it('does not depend on the order the snapshot lists identifiers and links in', () => {
    const shuffled = caseArbitrary.chain((c) =>
      fc
        .tuple(
          fc.shuffledSubarray(c.snap.identifiers as SnapIdentifier[], {
            minLength: c.snap.identifiers.length,
          }),
          fc.shuffledSubarray(c.snap.edges as SnapEdge[], { minLength: c.snap.edges.length }),
        )
        .map(([identifiers, edges]) => ({ c, other: { ...c.snap, identifiers, edges } })),
    );
    fc.assert(
      fc.property(shuffled, ({ c, other }) => {
        const opts = { types: c.types, threshold: THRESHOLD };
        const x = outcomeOf(c.snap, planClusters(c.snap, opts));
        const y = outcomeOf(other, planClusters(other, opts));
        expect(y.partition).toEqual(x.partition);
        const existing = (o: typeof x) =>
          [...o.ownerOf].filter(([, w]) => 'pid' in w).map(([k, w]) => `${k}>${ownerLabel(w)}`);
        expect(existing(y).sort()).toEqual(existing(x).sort());
        const flagged = (o: typeof x) =>
          [...o.flags].filter(([, r]) => r !== null).map(([id]) => id);
        expect(flagged(y).sort()).toEqual(flagged(x).sort());
      }),
      RUNS,
    );
  });
});

describe('planClusters over time', () => {
  const settled = (c: Case) => {
    const opts = { types: c.types, threshold: THRESHOLD };
    return applyPlan(c.snap, planClusters(c.snap, opts), 100, '2099-01-01T00:00:00');
  };
  const nextSeq = (snap: Snapshot) => Math.max(0, ...snap.edges.map((e) => e.seq)) + 1;
  const oneIdsOf = (snap: Snapshot) =>
    new Map(snap.identifiers.map((id) => [id.key, `OID${id.pid}`]));
  /** A new link between two identifiers, picked by index. */
  const withLink = (c: Case) =>
    fc
      .record({
        i: fc.nat(),
        j: fc.nat(),
        confidence: fc.constantFrom(0.8, 0.9, 1),
      })
      .map(({ i, j, confidence }) => {
        const snap = settled(c);
        const ids = snap.identifiers;
        const a = ids[i % ids.length] as SnapIdentifier;
        const b = ids[j % ids.length] as SnapIdentifier;
        const link: SnapEdge = {
          id: 'later',
          a: a.key,
          b: b.key,
          confidence,
          active: true,
          firstSeen: '2000-01-01T00:00:00',
          seq: nextSeq(snap),
          conflict: null,
        };
        return { c, snap, link };
      });

  it('a later link that conflicts moves no identifier and retires or revives no person', () => {
    fc.assert(
      fc.property(caseArbitrary.chain(withLink), ({ c, snap, link: drawn }) => {
        const opts = { types: c.types, threshold: THRESHOLD };
        const byKey = new Map(snap.identifiers.map((id) => [id.key, id]));
        const rank = (e: SnapEdge) =>
          Math.min(
            c.types.priority(byKey.get(e.a)?.type ?? ''),
            c.types.priority(byKey.get(e.b)?.type ?? ''),
          );
        const holding = snap.edges.filter(
          (e) =>
            e.active &&
            e.confidence >= THRESHOLD &&
            !byKey.get(e.a)?.quarantined &&
            !byKey.get(e.b)?.quarantined,
        );
        // It does not outrank a link that holds persons together: no stronger than the
        // weakest, and on equal confidence no higher type priority (then the write order
        // puts it last).
        const link = { ...drawn, confidence: Math.min(1, ...holding.map((e) => e.confidence)) };
        fc.pre(holding.every((e) => e.confidence > link.confidence || rank(e) >= rank(link)));
        const [a, b] = [byKey.get(link.a), byKey.get(link.b)];
        fc.pre(a?.pid !== b?.pid && !a?.quarantined && !b?.quarantined);
        // It conflicts: one person holding both ends' persons would break a cap.
        const pids = [a?.pid, b?.pid];
        const counts = new Map<string, number>();
        for (const id of snap.identifiers)
          if (pids.includes(id.pid)) counts.set(id.type, (counts.get(id.type) ?? 0) + 1);
        fc.pre([...counts].some(([type, n]) => n > c.types.maxPerPerson(type)));
        const plan = planClusters({ ...snap, edges: [...snap.edges, link] }, opts);
        expect(plan.moves).toEqual([]);
        expect(plan.merges).toEqual([]);
        expect(plan.newPersons).toEqual([]);
        expect(plan.revived).toEqual([]);
        expect(plan.redirects).toEqual([]);
        expect(plan.conflicts.map((x) => x.edgeId)).toEqual([link.id]);
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it("merge then unmerge restores every identifier's OneID", () => {
    fc.assert(
      fc.property(caseArbitrary.chain(withLink), ({ c, snap: before, link }) => {
        const opts = { types: c.types, threshold: THRESHOLD };
        const linked = { ...before, edges: [...before.edges, link] };
        const merged = applyPlan(linked, planClusters(linked, opts), 200, '2099-01-02T00:00:00');
        const unlinked = {
          ...merged,
          edges: merged.edges.map((e) => (e.id === link.id ? { ...e, active: false } : e)),
        };
        const after = applyPlan(unlinked, planClusters(unlinked, opts), 300, '2099-01-03T00:00:00');
        expect(oneIdsOf(after)).toEqual(oneIdsOf(before));
        // and every OneID that existed before reaches the person it reached then
        for (const p of [...before.persons, ...before.retired])
          expect(resolvePid(after, p.pid), `OID${p.pid}`).toBe(resolvePid(before, p.pid));
      }),
      RUNS,
    );
  });
});

// Focused cases with the default types: member_id and union_id capped at one, device_id
// priority 10, mobile_hash 80, open_id 60.
const types = new IdentifierTypes(defaultIdentifierTypes);
const opts = { types, threshold: 0.8 };
const day = (d: number) => `2024-01-${String(d).padStart(2, '0')}T00:00:00`;

function ident(key: string, pid: number | null, seen = 1, quarantined = false): SnapIdentifier {
  const [type, value] = key.split(':') as [string, string];
  return { key, type, value, firstSeen: day(seen), quarantined, pid };
}

function edge(
  id: string,
  a: string,
  b: string,
  confidence = 1,
  seen = 1,
  more: Partial<SnapEdge> = {},
): SnapEdge {
  return {
    id,
    a,
    b,
    confidence,
    active: true,
    firstSeen: day(seen),
    seq: 0,
    conflict: null,
    ...more,
  };
}

function snapshot(
  identifiers: SnapIdentifier[],
  edges: SnapEdge[],
  persons: [number, number][] = [],
): Snapshot {
  return {
    identifiers,
    edges,
    persons: persons.map(([pid, created]) => ({
      pid,
      oneId: `OID${pid}`,
      createdAt: day(created),
      anchor: null,
    })),
    retired: [],
  };
}

describe('planClusters: merges', () => {
  it('the older person survives even with the higher pid; the other merges into it', () => {
    const snap = snapshot(
      [
        ident('member_id:M1', 1),
        ident('open_id:O1', 1),
        ident('mobile_hash:H1', 2),
        ident('open_id:O2', 2),
      ],
      [
        edge('a', 'member_id:M1', 'open_id:O1'),
        edge('b', 'mobile_hash:H1', 'open_id:O2'),
        edge('c', 'open_id:O1', 'open_id:O2'),
      ],
      [
        [1, 5],
        [2, 3],
      ],
    );
    const plan = planClusters(snap, opts);
    expect(plan.merges).toEqual([{ from: 1, into: 2 }]);
    expect(plan.newPersons).toEqual([]);
    expect(plan.moves.map((m) => [m.key, m.to])).toEqual([
      ['member_id:M1', { pid: 2 }],
      ['open_id:O1', { pid: 2 }],
    ]);
  });

  it('on equal creation time the lower pid survives', () => {
    const snap = snapshot(
      [ident('open_id:O1', 7), ident('open_id:O2', 4)],
      [edge('a', 'open_id:O1', 'open_id:O2')],
      [
        [7, 1],
        [4, 1],
      ],
    );
    expect(planClusters(snap, opts).merges).toEqual([{ from: 7, into: 4 }]);
  });

  it('a new identifier joining a person takes that person; alone it is a new person', () => {
    const snap = snapshot(
      [ident('member_id:M1', 1), ident('open_id:O1', null), ident('device_id:D1', null)],
      [edge('a', 'member_id:M1', 'open_id:O1')],
      [[1, 1]],
    );
    const plan = planClusters(snap, opts);
    expect(plan.moves).toEqual([
      { key: 'device_id:D1', to: { newIndex: 0 } },
      { key: 'open_id:O1', to: { pid: 1 } },
    ]);
    expect(plan.newPersons).toEqual([{ index: 0, splitFrom: [] }]);
  });
});

describe('planClusters: splits', () => {
  it('a split that undoes a merge revives the retired person with its OneID', () => {
    // Person 2 (C1, older identifiers) was merged into person 1 (M1) through the M1-C1 link,
    // which is now inactive.
    const snap: Snapshot = {
      identifiers: [ident('member_id:M1', 1, 5), ident('customer_id:C1', 1, 1)],
      edges: [edge('x', 'member_id:M1', 'customer_id:C1', 1, 6, { active: false, seq: 9 })],
      persons: [{ pid: 1, oneId: 'OID1', createdAt: day(1), anchor: 'member_id:M1' }],
      retired: [
        {
          pid: 2,
          oneId: 'OID2',
          createdAt: day(2),
          anchor: 'customer_id:C1',
          mergedInto: 1,
        },
      ],
    };
    const plan = planClusters(snap, opts);
    expect(plan.revived).toEqual([{ pid: 2, splitFrom: [1] }]);
    expect(plan.moves).toEqual([{ key: 'customer_id:C1', to: { pid: 2 } }]);
    expect(plan.newPersons).toEqual([]);
    expect(plan.merges).toEqual([]);
    expect(plan.anchors).toEqual([]);
  });

  it('a retired person whose anchor went to another person redirects there', () => {
    // Persons 2 and 3 were both merged into 1; a split gives both their identifiers back
    // in one part: the older (2) comes back, and 3 must now redirect to it.
    const snap: Snapshot = {
      identifiers: [
        ident('member_id:M1', 1, 5),
        ident('customer_id:C2', 1, 1),
        ident('open_id:O3', 1, 2),
      ],
      edges: [
        edge('x', 'member_id:M1', 'customer_id:C2', 1, 6, { active: false, seq: 9 }),
        edge('y', 'customer_id:C2', 'open_id:O3', 1, 6, { seq: 10 }),
      ],
      persons: [{ pid: 1, oneId: 'OID1', createdAt: day(1), anchor: 'member_id:M1' }],
      retired: [
        { pid: 2, oneId: 'OID2', createdAt: day(2), anchor: 'customer_id:C2', mergedInto: 1 },
        { pid: 3, oneId: 'OID3', createdAt: day(3), anchor: 'open_id:O3', mergedInto: 1 },
      ],
    };
    const plan = planClusters(snap, opts);
    expect(plan.revived.map((r) => r.pid)).toEqual([2]);
    expect(plan.redirects).toEqual([{ from: 3, into: 2 }]);
  });

  it('the part holding the earliest identifier keeps the OneID; the rest is split off', () => {
    // M1 (day 2) and D1 (day 1) were one person through O1; the D1-O1 link is now inactive.
    const snap = snapshot(
      [ident('member_id:M1', 1, 2), ident('open_id:O1', 1, 3), ident('device_id:D1', 1, 1)],
      [
        edge('a', 'member_id:M1', 'open_id:O1'),
        edge('b', 'open_id:O1', 'device_id:D1', 0.9, 1, { active: false }),
      ],
      [[1, 1]],
    );
    const plan = planClusters(snap, opts);
    expect(plan.newPersons).toEqual([{ index: 0, splitFrom: [1] }]);
    expect(plan.moves.map((m) => m.key).sort()).toEqual(['member_id:M1', 'open_id:O1']);
    expect(plan.merges).toEqual([]);
  });

  it('on equal firstSeen the smaller key is the earliest identifier', () => {
    const snap = snapshot(
      [ident('open_id:O2', 1), ident('open_id:O1', 1)],
      [edge('a', 'open_id:O1', 'open_id:O2', 0.5)],
      [[1, 1]],
    );
    expect(planClusters(snap, opts).moves).toEqual([{ key: 'open_id:O2', to: { newIndex: 0 } }]);
  });

  it('weak links and quarantined ends never hold a person together', () => {
    const snap = snapshot(
      [
        ident('open_id:O1', 1),
        ident('open_id:O2', 1, 2),
        ident('device_id:D', 1, 3, true),
        ident('open_id:O3', 1, 4),
      ],
      [
        edge('a', 'open_id:O1', 'open_id:O2', 0.79),
        edge('b', 'open_id:O1', 'device_id:D'),
        edge('c', 'device_id:D', 'open_id:O3'),
      ],
      [[1, 1]],
    );
    const plan = planClusters(snap, opts);
    expect(plan.newPersons.map((p) => p.splitFrom)).toEqual([[1], [1], [1]]);
    expect(new Set(plan.moves.map((m) => m.key))).toEqual(
      new Set(['open_id:O2', 'device_id:D', 'open_id:O3']),
    );
  });
});

describe('planClusters: conflicts', () => {
  const M1 = 'member_id:M1';
  const M2 = 'member_id:M2';
  const DEV = 'device_id:D';

  it('a device shared by two members stays with the stronger link and the other is a conflict', () => {
    const snap = snapshot(
      [ident(M1, 1), ident(M2, 2), ident(DEV, null)],
      [edge('old', M1, DEV, 0.9, 2), edge('strong', M2, DEV, 0.95, 3)],
      [
        [1, 1],
        [2, 1],
      ],
    );
    const plan = planClusters(snap, opts);
    expect(plan.conflicts).toEqual([
      { edgeId: 'old', reason: 'would give one person 2 member_id (at most 1)' },
    ]);
    expect(plan.moves).toEqual([{ key: DEV, to: { pid: 2 } }]);
  });

  it('on equal confidence and priority the link written first wins, whatever its dates', () => {
    // Issue 12: M1-da and M2-db hold two persons; da-db, written last in the same second,
    // would sort first by its pair key.
    const [DA, DB] = ['device_id:da', 'device_id:db'];
    const snap = snapshot(
      [ident(M1, 1), ident(DA, 1), ident(M2, 2), ident(DB, 2)],
      [
        edge('m1', M1, DA, 1, 1, { seq: 1 }),
        edge('m2', M2, DB, 1, 1, { seq: 2 }),
        edge('dd', DA, DB, 1, 1, { seq: 3 }),
      ],
      [
        [1, 1],
        [2, 1],
      ],
    );
    const plan = planClusters(snap, opts);
    expect(plan.conflicts.map((c) => c.edgeId)).toEqual(['dd']);
    expect(plan.moves).toEqual([]);
    expect(plan.merges).toEqual([]);
  });

  it('links written before sequencing (seq 0) come first, the older first, then the pair key', () => {
    const older = snapshot(
      [ident(M1, 1), ident(M2, 2), ident(DEV, null)],
      [edge('x', M2, DEV, 0.9, 3), edge('y', M1, DEV, 0.9, 4)],
    );
    expect(planClusters(older, opts).conflicts.map((c) => c.edgeId)).toEqual(['y']);
    const tie = snapshot(
      [ident(M1, 1), ident(M2, 2), ident(DEV, null)],
      [edge('x', DEV, M2, 0.9, 3), edge('y', M1, DEV, 0.9, 3)],
    );
    // ("device_id:D", "member_id:M1") sorts before ("device_id:D", "member_id:M2").
    expect(planClusters(tie, opts).conflicts.map((c) => c.edgeId)).toEqual(['x']);
  });

  it('on equal confidence and age the link whose weaker end has the higher priority wins', () => {
    // By pair key alone D-M1 and D-U1 would come first and U1-M2 would be the conflict; but
    // U1-M2 (weaker end union_id, 90) goes before the device links (weaker end 10).
    const snap = snapshot(
      [ident(M1, null), ident(M2, null), ident('union_id:U1', null), ident(DEV, null)],
      [edge('um', 'union_id:U1', M2), edge('du', DEV, 'union_id:U1'), edge('dm', DEV, M1)],
    );
    expect(planClusters(snap, opts).conflicts).toEqual([
      { edgeId: 'du', reason: 'would give one person 2 member_id (at most 1)' },
    ]);
  });

  it('reports the count the union would reach against the cap', () => {
    const three = ['mobile_hash:H1', 'mobile_hash:H2', 'mobile_hash:H3', 'mobile_hash:H4'];
    const snap = snapshot(
      [ident(M1, null), ...three.map((k) => ident(k, null))],
      three.map((k, i) => edge(`e${i}`, M1, k, 1, i + 1)),
    );
    expect(planClusters(snap, opts).conflicts).toEqual([
      { edgeId: 'e3', reason: 'would give one person 4 mobile_hash (at most 3)' },
    ]);
  });

  it('an unchanged conflict is not reported again; a changed reason is', () => {
    const reason = 'would give one person 2 member_id (at most 1)';
    const base = [ident(M1, 1), ident(M2, 2), ident(DEV, 1)];
    const persons: [number, number][] = [
      [1, 1],
      [2, 1],
    ];
    const same = snapshot(
      base,
      [edge('a', M1, DEV, 1, 1), edge('b', M2, DEV, 1, 2, { conflict: reason })],
      persons,
    );
    expect(planClusters(same, opts).conflicts).toEqual([]);
    const changed = snapshot(
      base,
      [edge('a', M1, DEV, 1, 1), edge('b', M2, DEV, 1, 2, { conflict: 'old text' })],
      persons,
    );
    expect(planClusters(changed, opts).conflicts).toEqual([{ edgeId: 'b', reason }]);
  });

  it('a conflict is resolved once its link merges or lies inside one person', () => {
    const reason = 'would give one person 2 member_id (at most 1)';
    // The link that made "b" a conflict is inactive now: b merges M2's person with D.
    const merges = snapshot(
      [ident(M1, 1), ident(M2, 2), ident(DEV, 1)],
      [edge('a', M1, DEV, 1, 1, { active: false }), edge('b', M2, DEV, 1, 2, { conflict: reason })],
      [
        [1, 1],
        [2, 1],
      ],
    );
    const plan = planClusters(merges, opts);
    expect(plan.resolvedConflicts).toEqual(['b']);
    expect(plan.conflicts).toEqual([]);
    // A flagged link between two identifiers that are in one person anyway.
    const inside = snapshot(
      [ident(M1, 1), ident('open_id:O1', 1), ident(DEV, 1)],
      [
        edge('a', M1, DEV),
        edge('b', M1, 'open_id:O1'),
        edge('c', 'open_id:O1', DEV, 0.9, 1, { conflict: reason }),
      ],
      [[1, 1]],
    );
    expect(planClusters(inside, opts).resolvedConflicts).toEqual(['c']);
  });
});

describe('the reference model itself', () => {
  const rules: RefRules = {
    threshold: 0.8,
    priority: (t) => types.priority(t),
    cap: (t) => types.maxPerPerson(t),
  };

  it('keeps two members apart across a shared device and names the overfilled type', () => {
    const ids = ['member_id:M1', 'member_id:M2', 'device_id:D'].map((key) => ({
      key,
      type: key.split(':')[0] as string,
    }));
    const links = [
      {
        a: 'member_id:M1',
        b: 'device_id:D',
        confidence: 0.9,
        active: true,
        firstSeen: day(1),
        seq: 0,
      },
      {
        a: 'member_id:M2',
        b: 'device_id:D',
        confidence: 0.9,
        active: true,
        firstSeen: day(2),
        seq: 0,
      },
    ];
    const r = cluster(ids, links, rules);
    expect(r.components).toEqual([['device_id:D', 'member_id:M1'], ['member_id:M2']]);
    expect(r.conflicts.map((c) => [c.link.b, c.overflows.map(overflowReason)])).toEqual([
      ['device_id:D', ['would give one person 2 member_id (at most 1)']],
    ]);
  });
});
