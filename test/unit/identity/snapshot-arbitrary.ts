import fc from 'fast-check';
import type {
  SnapEdge,
  SnapIdentifier,
  SnapRetired,
  Snapshot,
} from '../../../src/identity/cluster-plan.js';
import { IdentifierTypes } from '../../../src/identity/identifier-types.js';
import type { RefRules } from '../../support/union-find.js';

export const TYPE_NAMES = ['member_id', 'union_id', 'open_id', 'device_id', 'mobile_hash'] as const;
export const THRESHOLD = 0.8;

/** A random small snapshot with its own type configuration. */
export interface Case {
  readonly snap: Snapshot;
  readonly types: IdentifierTypes;
  readonly rules: RefRules;
}

const day = (d: number) => `2024-01-0${d}T00:00:00`;

const typeConfig = fc.tuple(
  ...TYPE_NAMES.map((name) =>
    fc.record({
      name: fc.constant(name),
      priority: fc.constantFrom(10, 60, 90),
      cap: fc.integer({ min: 1, max: 3 }),
    }),
  ),
);

const identifier = fc.record({
  type: fc.constantFrom(...TYPE_NAMES),
  firstSeen: fc.integer({ min: 1, max: 4 }).map(day),
  quarantined: fc.oneof(
    { arbitrary: fc.constant(false), weight: 9 },
    { arbitrary: fc.constant(true), weight: 1 },
  ),
  pid: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 3 }),
});

const edgeFields = fc.record({
  confidence: fc.constantFrom(0.5, 0.79, 0.8, 0.85, 0.9, 1),
  active: fc.oneof(
    { arbitrary: fc.constant(true), weight: 5 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
  firstSeen: fc.integer({ min: 1, max: 3 }).map(day),
  // Links written before sequencing share 0; later ones have distinct numbers.
  seq: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
  conflict: fc.constantFrom<string | null>(
    null,
    null,
    null,
    'stale reason',
    'would give one person 2 member_id (at most 1)',
  ),
  flip: fc.boolean(),
});

export const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    config: typeConfig,
    ids: fc.array(identifier, { minLength: 1, maxLength: 9 }),
    createdAt: fc.array(fc.integer({ min: 1, max: 3 }).map(day), { minLength: 6, maxLength: 6 }),
    // Stored anchors (an index into the identifiers, used when that one is the person's) and
    // up to two retired persons (pids 5 and 6) with an anchor somewhere in the snapshot.
    anchorPicks: fc.array(fc.option(fc.nat(8), { nil: null }), { minLength: 6, maxLength: 6 }),
    retiredInto: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
  })
  .chain(({ config, ids, createdAt, anchorPicks, retiredInto }) => {
    const pairs = ids.flatMap((_, i) => ids.slice(i + 1).map((__, d) => [i, i + 1 + d] as const));
    return fc
      .subarray(pairs)
      .chain((chosen) =>
        fc.tuple(...chosen.map(() => edgeFields)).map((fields) => ({ chosen, fields })),
      )
      .map(({ chosen, fields }): Case => {
        const identifiers: SnapIdentifier[] = ids.map((id, i) => ({
          key: `${id.type}:v${i}`,
          type: id.type,
          value: `v${i}`,
          firstSeen: id.firstSeen,
          quarantined: id.quarantined,
          pid: id.pid,
        }));
        const edges: SnapEdge[] = chosen.map(([i, j], n) => {
          const f = fields[n] as (typeof fields)[number];
          const [x, y] = f.flip ? [j, i] : [i, j];
          return {
            id: `e${n}`,
            a: (identifiers[x] as SnapIdentifier).key,
            b: (identifiers[y] as SnapIdentifier).key,
            confidence: f.confidence,
            active: f.active,
            firstSeen: f.firstSeen,
            seq: f.seq === 0 ? 0 : f.seq * 100 + n,
            conflict: f.conflict,
          };
        });
        const pids = [...new Set(identifiers.flatMap((i) => (i.pid === null ? [] : [i.pid])))];
        const pick = (pid: number) => {
          const at = anchorPicks[pid - 1];
          return at === null || at === undefined ? null : (identifiers[at]?.key ?? null);
        };
        const persons = pids.map((pid) => ({
          pid,
          oneId: `OID${pid}`,
          createdAt: createdAt[pid - 1] as string,
          anchor: pick(pid),
        }));
        // A retired person points at a person of the snapshot, or at the other retired one.
        const retired: SnapRetired[] = [];
        if (pids.length > 0)
          retiredInto.forEach((target, i) => {
            const pid = 5 + i;
            const into = target === 5 && i === 1 ? 5 : (pids[target % pids.length] as number);
            retired.push({
              pid,
              oneId: `OID${pid}`,
              createdAt: createdAt[pid - 1] as string,
              anchor: pick(pid),
              mergedInto: into,
            });
          });
        const types = new IdentifierTypes(
          config.map((c) => ({
            name: c.name,
            priority: c.priority,
            maxPerPerson: c.cap,
            blockedValues: [],
          })),
        );
        const byName = new Map(config.map((c) => [c.name as string, c]));
        const rules: RefRules = {
          threshold: THRESHOLD,
          priority: (t) => byName.get(t)?.priority ?? 0,
          cap: (t) => byName.get(t)?.cap ?? Number.POSITIVE_INFINITY,
        };
        return { snap: { identifiers, edges, persons, retired }, types, rules };
      });
  });
