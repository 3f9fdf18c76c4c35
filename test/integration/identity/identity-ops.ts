import fc from 'fast-check';
import { expect } from 'vitest';
import { upsertIdMappings } from '../../../src/identity/id-mapping.js';
import type { IdentityService } from '../../../src/identity/identity-service.js';
import { nowStamp, parseKey } from '../../../src/identity/ids.js';
import { resolveIds } from '../../../src/identity/resolve-id.js';
import type { IdentityModel } from './identity-model.js';

/** The identifiers operations pick from: few enough that they collide often. */
export const POOL = [
  'member_id:M1',
  'member_id:M2',
  'union_id:U1',
  'union_id:U2',
  `mobile_hash:${'1'.repeat(64)}`,
  `mobile_hash:${'2'.repeat(64)}`,
  `mobile_hash:${'3'.repeat(64)}`,
  'open_id:O1',
  'open_id:O2',
  'device_id:D1',
  'device_id:D2',
] as const;
export const EXTERNAL_IDS = ['X1', 'X2'] as const;

const day = (d: number) => `2024-0${d}-01T00:00:00`;
const confidence = fc.constantFrom(0.5, 0.8, 0.9, 1);

export type Op =
  | {
      kind: 'link';
      a: string;
      b: string;
      confidence: number;
      firstSeen: string;
      via: 'ingest' | 'resolveId';
    }
  /** Unlinks the pick-th link of the model (of its conflicts, with `conflict`). */
  | { kind: 'unlink'; pick: number; conflict: boolean }
  | { kind: 'unlinkPair'; a: string; b: string }
  | { kind: 'resolve'; key: string }
  | {
      kind: 'mapping';
      rows: {
        oneId: string;
        key: string;
        confidence: number;
        firstSeen: string;
        active: boolean;
      }[];
    };

const twoIds = fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 2, maxLength: 2 });

export const linkOp: fc.Arbitrary<Op> = fc
  .record({
    kind: fc.constant('link' as const),
    ids: twoIds,
    confidence,
    firstSeen: fc.integer({ min: 1, max: 3 }).map(day),
    via: fc.oneof(
      { arbitrary: fc.constant('ingest' as const), weight: 3 },
      { arbitrary: fc.constant('resolveId' as const), weight: 1 },
    ),
  })
  .map(({ ids: [a, b], ...rest }) => ({ ...rest, a: a as string, b: b as string }));

export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: linkOp, weight: 5 },
  {
    arbitrary: fc.record({
      kind: fc.constant('unlink' as const),
      pick: fc.nat(50),
      conflict: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('resolve' as const), key: fc.constantFrom(...POOL) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('mapping' as const),
      rows: fc.array(
        fc.record({
          oneId: fc.constantFrom(...EXTERNAL_IDS),
          key: fc.constantFrom(...POOL),
          confidence,
          firstSeen: fc.integer({ min: 1, max: 3 }).map(day),
          active: fc.oneof(
            { arbitrary: fc.constant(true), weight: 3 },
            { arbitrary: fc.constant(false), weight: 1 },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    weight: 2,
  },
);

/**
 * Applies one operation to the service and to the model. An `unlink` picks among the
 * model's links and is returned as the concrete pair, so that a replay repeats it exactly;
 * null when there is nothing to unlink.
 */
export async function applyOp(
  identity: IdentityService,
  model: IdentityModel,
  op: Op,
  personOf: (key: string) => Promise<{ pid: number | undefined; isNew: boolean }>,
): Promise<Op | null> {
  switch (op.kind) {
    case 'link': {
      if (op.via === 'ingest') {
        const link = {
          a: parseKey(op.a),
          b: parseKey(op.b),
          source: 'prop',
          confidence: op.confidence,
        };
        await identity.ingest(
          {
            identifiers: [],
            links: [{ ...link, firstSeen: op.firstSeen, lastSeen: op.firstSeen }],
          },
          'prop',
        );
        model.ingest(
          [],
          [
            {
              a: op.a,
              b: op.b,
              confidence: op.confidence,
              firstSeen: op.firstSeen,
              active: true,
              mode: 'observe',
            },
          ],
        );
        return op;
      }
      const now = nowStamp();
      const known = model.identifiers.has(op.a);
      const [result] = await resolveIds(identity, [
        { ...parseKey(op.a), links: [parseKey(op.b)], confidence: op.confidence, source: 'prop' },
      ]);
      model.ingest(
        [{ key: op.a, seenAt: now }],
        [
          {
            a: op.a,
            b: op.b,
            confidence: op.confidence,
            firstSeen: now,
            active: true,
            mode: 'observe',
          },
        ],
      );
      const person = await personOf(op.a);
      expect(result?.pid).toBe(person.pid);
      expect(result?.created).toBe(!known && person.isNew);
      expect(result?.matchedBy).toBe(known ? 'EXISTING' : person.isNew ? 'NEW' : 'LINKED');
      return op;
    }
    case 'unlink':
    case 'unlinkPair': {
      const conflicts = op.kind === 'unlink' && op.conflict ? model.clustering().conflicts : [];
      const links = conflicts.length > 0 ? conflicts.map((c) => c.link) : [...model.links.values()];
      const link = op.kind === 'unlinkPair' ? op : links[op.pick % Math.max(1, links.length)];
      if (!link) return null;
      const result = await identity.setLinkActive(
        parseKey(link.a),
        parseKey(link.b),
        false,
        'prop',
      );
      expect(result.found).toBe(true);
      model.unlink(link.a, link.b);
      return { kind: 'unlinkPair', a: link.a, b: link.b };
    }
    case 'resolve': {
      const now = nowStamp();
      const known = model.identifiers.has(op.key);
      const [result] = await resolveIds(identity, [parseKey(op.key)]);
      if (!known) model.ingest([{ key: op.key, seenAt: now }], []);
      const person = await personOf(op.key);
      expect(result?.pid).toBe(person.pid);
      expect(result?.created).toBe(!known);
      expect(result?.matchedBy).toBe(known ? 'EXISTING' : 'NEW');
      return op;
    }
    case 'mapping': {
      await upsertIdMappings(
        identity,
        op.rows.map((r) => ({
          oneId: r.oneId,
          idType: parseKey(r.key).type,
          idValue: parseKey(r.key).value,
          sourceChannel: 'prop',
          confidence: r.confidence,
          firstSeen: r.firstSeen,
          lastSeen: r.firstSeen,
          isActive: r.active,
        })),
      );
      model.ingest(
        [],
        op.rows.map((r) => ({
          a: `ext_one_id:${r.oneId}`,
          b: r.key,
          confidence: r.confidence,
          firstSeen: r.firstSeen,
          active: r.active,
          mode: 'mapping' as const,
        })),
      );
      return op;
    }
  }
}

export function describeOp(op: Op): string {
  switch (op.kind) {
    case 'link':
      return `link ${op.a} ${op.b} ${op.confidence} ${op.firstSeen} via ${op.via}`;
    case 'unlink':
      return `unlink ${op.conflict ? 'conflict ' : ''}#${op.pick}`;
    case 'unlinkPair':
      return `unlink ${op.a} ${op.b}`;
    case 'resolve':
      return `resolve ${op.key}`;
    case 'mapping':
      return `mapping ${op.rows.map((r) => `${r.oneId}>${r.key} ${r.confidence} ${r.firstSeen}${r.active ? '' : ' inactive'}`).join(', ')}`;
  }
}
