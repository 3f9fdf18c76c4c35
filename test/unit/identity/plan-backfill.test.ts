import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkGraph } from '../../../src/identity/bulk/link-graph.js';
import { planBackfill } from '../../../src/identity/bulk/plan-backfill.js';
import { canonical, cluster, overflowReason, pairOf } from '../../support/union-find.js';
import { cappedTypes } from '../../support/identity.js';

/**
 * The backfill planner of the bulk path against the reference union-find: persons are the
 * admissible components cut at the caps, conflicts are the refused links, each person is
 * anchored at its earliest identifier, and pids follow the anchors' (firstSeen, key) order.
 */

const THRESHOLD = 0.8;
const { types, rules } = cappedTypes({ mobile_hash: 2, open_id: 2, device_id: 2 }, THRESHOLD);
const TYPES = ['member_id', 'union_id', 'mobile_hash', 'open_id', 'device_id'];
const day = (d: number) => `2024-0${d}-01T00:00:00`;

const input = fc
  .uniqueArray(
    fc.record({
      type: fc.constantFrom(...TYPES),
      n: fc.integer({ min: 1, max: 6 }),
      first: fc.integer({ min: 1, max: 3 }),
      quarantined: fc.oneof(
        { arbitrary: fc.constant(false), weight: 6 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
    }),
    { selector: (i) => `${i.type}:${i.n}`, minLength: 1, maxLength: 14 },
  )
  .chain((ids) =>
    fc.record({
      ids: fc.constant(
        ids.map((i) => ({ ...i, key: `${i.type}:${i.n}`, firstSeen: day(i.first) })),
      ),
      links: fc.uniqueArray(
        fc.record({
          a: fc.nat(ids.length - 1),
          b: fc.nat(ids.length - 1),
          confidence: fc.constantFrom(0.5, 0.8, 0.9, 1),
          active: fc.oneof(
            { arbitrary: fc.constant(true), weight: 4 },
            { arbitrary: fc.constant(false), weight: 1 },
          ),
          first: fc.integer({ min: 1, max: 3 }),
        }),
        { selector: (l) => pairOf(String(l.a), String(l.b)).join(), maxLength: 24 },
      ),
    }),
  );

describe('planBackfill', () => {
  it('gives the reference partition, conflicts, anchors and pid order', () => {
    fc.assert(
      fc.property(input, ({ ids, links }) => {
        const g = new LinkGraph();
        for (const i of ids)
          g.addIdentifier({
            key: i.key,
            type: i.type,
            firstSeen: i.firstSeen,
            lastSeen: i.firstSeen,
            quarantined: i.quarantined,
          });
        const refLinks = links
          .filter((l) => l.a !== l.b)
          .map((l, seq) => ({
            a: ids[l.a]?.key as string,
            b: ids[l.b]?.key as string,
            confidence: l.confidence,
            active: l.active,
            firstSeen: day(l.first),
            seq: seq + 1,
          }));
        for (const l of refLinks) g.addLink({ ...l, conflict: null });
        const plan = planBackfill(g, { types, threshold: THRESHOLD });
        const ref = cluster(ids, refLinks, rules);

        const persons = plan.persons.map((p) => p.members.map((i) => g.keys[i] as string));
        expect(canonical(persons)).toEqual(ref.components);
        const conflicts = new Map(
          plan.conflicts.map((c) => [pairOf(c.a, c.b).join(' '), c.reason]),
        );
        expect([...conflicts.keys()].sort()).toEqual(
          ref.conflicts.map((c) => pairOf(c.link.a, c.link.b).join(' ')).sort(),
        );
        for (const c of ref.conflicts)
          expect(c.overflows.map(overflowReason)).toContain(
            conflicts.get(pairOf(c.link.a, c.link.b).join(' ')),
          );
        const firstSeen = new Map(ids.map((i) => [i.key, i.firstSeen]));
        const order = (k: string) => `${firstSeen.get(k)} ${k}`;
        const anchors = plan.persons.map((p) => g.keys[p.anchor] as string);
        plan.persons.forEach((p, n) => {
          const earliest = [...(persons[n] as string[])].sort((x, y) =>
            order(x) < order(y) ? -1 : 1,
          )[0];
          expect(anchors[n], `anchor of person ${n}`).toBe(earliest);
          expect(p.members).toContain(p.anchor);
        });
        expect(anchors.map(order)).toEqual([...anchors.map(order)].sort());
      }),
      { numRuns: 500 },
    );
  });
});
