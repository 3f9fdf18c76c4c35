import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDeferred } from '../../../src/identity/bulk/resolve-deferred.js';
import { IdentityService, type IdentityBatch } from '../../../src/identity/identity-service.js';
import { parseKey } from '../../../src/identity/ids.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { toPlain } from '../../../src/neo4j/values.js';
import { freshDatabase } from '../../support/db.js';
import { cappedTypes } from '../../support/identity.js';
import { expectSound } from './graph-checks.js';
import { partitionOf, readGraph, type GraphState } from './graph-state.js';
import { POOL } from './identity-ops.js';

/**
 * The bulk path (deferred identity, one resolve pass) against the incremental one on the
 * same random input at the same batches, both against the real Neo4j: same partition,
 * conflicts, quarantines, identifier and link properties (link write order included); then
 * one more incremental write on each, compared again.
 */

// Small caps so that conflicts are frequent: one member_id / union_id, two of the others.
const THRESHOLD = 0.8;
const { types } = cappedTypes(
  { mobile_hash: 2, open_id: 2, device_id: 2, ext_one_id: 2 },
  THRESHOLD,
);
/** Blocked values: the service skips them, in both paths. */
const BLOCKED = ['member_id:0', 'union_id:-1'];
const KEYS = [...POOL, 'ext_one_id:X1', 'ext_one_id:X2', 'email_hash:' + 'e'.repeat(64)];

const day = (d: number) => `2024-0${d}-01T00:00:00`;
const key = fc.oneof(
  { arbitrary: fc.constantFrom(...KEYS), weight: 12 },
  { arbitrary: fc.constantFrom(...BLOCKED), weight: 1 },
);
const linkRow = fc
  .record({
    a: key,
    b: key,
    confidence: fc.constantFrom(0.5, 0.8, 0.9, 1),
    first: fc.integer({ min: 1, max: 3 }),
    later: fc.integer({ min: 0, max: 2 }),
    active: fc.oneof(
      { arbitrary: fc.constant(true), weight: 3 },
      { arbitrary: fc.constant(false), weight: 1 },
    ),
    mode: fc.constantFrom('observe' as const, 'mapping' as const),
  })
  .filter((r) => r.a !== r.b)
  .map((r) => ({
    a: parseKey(r.a),
    b: parseKey(r.b),
    source: r.mode === 'mapping' ? 'mapping' : 'prop',
    confidence: r.confidence,
    firstSeen: day(r.first),
    lastSeen: day(Math.min(r.first + r.later, 5)),
    active: r.active,
    mode: r.mode,
  }));
const batch: fc.Arbitrary<IdentityBatch> = fc.record({
  identifiers: fc.array(
    fc.record({ key, d: fc.integer({ min: 1, max: 3 }) }).map(({ key: k, d }) => ({
      ...parseKey(k),
      seenAt: day(d),
    })),
    { maxLength: 2 },
  ),
  links: fc.array(linkRow, { minLength: 1, maxLength: 6 }),
});
const scenario = fc.record({
  supernodeLimit: fc.constantFrom(3, 50),
  batches: fc.array(batch, { minLength: 1, maxLength: 6 }),
  /** Batches before this one are loaded incrementally in the bulk run too (a graph with persons). */
  incrementalFirst: fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 },
  ),
  after: batch,
});

let db: Gateway | undefined;
afterAll(async () => {
  await db?.close();
});

async function fresh(supernodeLimit: number): Promise<IdentityService> {
  await db?.close();
  db = await freshDatabase();
  return new IdentityService(db, { types, threshold: THRESHOLD, supernodeLimit });
}

interface Extra {
  readonly identifiers: Map<string, { lastSeen: string; reason: string | null }>;
  readonly persons: Map<number, { mobile: string | null; email: string | null }>;
}

async function readExtra(gw: Gateway): Promise<Extra> {
  const rows = async <T>(cypher: string) =>
    (await gw.driver.executeQuery(cypher, {}, { database: gw.database })).records.map(
      (r) => toPlain(r.toObject()) as T,
    );
  const ids = await rows<{ key: string; lastSeen: string; reason: string | null }>(
    'MATCH (i:Identifier) RETURN i.key AS key, i.lastSeen AS lastSeen, i.quarantineReason AS reason',
  );
  const persons = await rows<{ pid: number; mobile: string | null; email: string | null }>(
    'MATCH (p:Person) RETURN p.pid AS pid, p.mobileHash AS mobile, p.emailHash AS email',
  );
  return {
    identifiers: new Map(ids.map((i) => [i.key, { lastSeen: i.lastSeen, reason: i.reason }])),
    persons: new Map(persons.map((p) => [p.pid, p])),
  };
}

/** What must be equal between the two paths, in a canonical form. */
function facts(state: GraphState, extra: Extra) {
  const links = [...state.links]
    .map(([pair, l]) => [pair, l.confidence, l.active, l.firstSeen, l.seq, l.conflict])
    .sort();
  const identifiers = [...state.identifiers.values()]
    .map((i) => [
      i.key,
      i.firstSeen,
      i.quarantined,
      extra.identifiers.get(i.key)?.lastSeen,
      extra.identifiers.get(i.key)?.reason ?? null,
    ])
    .sort();
  return { partition: partitionOf(state), links, identifiers };
}

/**
 * Each active person's stored contacts are its own, not quarantined, mobile_hash / email_hash
 * (refresh-contacts), null without one. Which one when it has several is not compared: the
 * incremental path refreshes contacts when persons change, not when only a lastSeen moves.
 */
function expectContacts(state: GraphState, extra: Extra, label: string) {
  for (const p of state.persons.values()) {
    if (p.status !== 'active') continue;
    for (const [type, stored] of [
      ['mobile_hash', extra.persons.get(p.pid)?.mobile ?? null],
      ['email_hash', extra.persons.get(p.pid)?.email ?? null],
    ] as const) {
      const candidates = p.keys
        .filter((k) => k.startsWith(`${type}:`) && !state.identifiers.get(k)?.quarantined)
        .map((k) => parseKey(k).value);
      if (candidates.length === 0) expect(stored, `${label}: ${type} of ${p.oneId}`).toBeNull();
      else expect(candidates, `${label}: ${type} of ${p.oneId}`).toContain(stored);
    }
  }
}

async function snapshot(identity: IdentityService, label: string) {
  const state = await readGraph(identity.db);
  const extra = await readExtra(identity.db);
  expectSound(state);
  expectContacts(state, extra, label);
  return { state, extra, facts: facts(state, extra) };
}

async function loadIncremental(identity: IdentityService, batches: readonly IdentityBatch[]) {
  for (const b of batches) await identity.ingest(b, 'prop');
}

async function loadBulk(identity: IdentityService, batches: readonly IdentityBatch[]) {
  const deferred = identity.defer();
  try {
    for (const b of batches) await identity.ingest(b, 'prop');
  } finally {
    await resolveDeferred(identity, deferred, { reason: 'prop' });
  }
}

/** Bulk persons (none existed before): each anchored at its earliest identifier. */
function expectBulkAnchors(state: GraphState) {
  for (const p of state.persons.values()) {
    const earliest = [...p.keys].sort((x, y) => {
      const fx = state.identifiers.get(x)?.firstSeen ?? '';
      const fy = state.identifiers.get(y)?.firstSeen ?? '';
      return fx < fy ? -1 : fx > fy ? 1 : x < y ? -1 : 1;
    })[0];
    expect(p.anchor, `anchor of ${p.oneId}`).toBe(earliest);
    expect(p.mergedInto).toEqual([]);
    expect(p.splitFrom).toEqual([]);
  }
}

describe('bulk identity path against the incremental one', () => {
  it('gives the same graph on random inputs, and again after one more incremental write', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ supernodeLimit, batches, incrementalFirst, after }) => {
        const split = Math.min(incrementalFirst, batches.length);
        let identity = await fresh(supernodeLimit);
        await loadIncremental(identity, batches);
        const incremental = await snapshot(identity, 'incremental');
        await loadIncremental(identity, [after]);
        const incrementalAfter = await snapshot(identity, 'incrementalAfter');

        identity = await fresh(supernodeLimit);
        await loadIncremental(identity, batches.slice(0, split));
        await loadBulk(identity, batches.slice(split));
        const bulk = await snapshot(identity, 'bulk');
        if (split === 0) expectBulkAnchors(bulk.state);
        expect(bulk.facts).toEqual(incremental.facts);
        await loadIncremental(identity, [after]);
        const bulkAfter = await snapshot(identity, 'bulkAfter');
        expect(bulkAfter.facts).toEqual(incrementalAfter.facts);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('gives the same OneIDs and pids on every bulk run of the same input', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ supernodeLimit, batches }) => {
        const runs: string[][] = [];
        for (let i = 0; i < 2; i++) {
          const identity = await fresh(supernodeLimit);
          await loadBulk(identity, batches);
          const state = await readGraph(identity.db);
          runs.push(
            [...state.persons.values()]
              .map(
                (p) =>
                  `${p.pid} ${p.oneId} ${p.status} ${p.anchor} ${[...p.keys].sort().join(',')}`,
              )
              .sort(),
          );
        }
        expect(runs[1]).toEqual(runs[0]);
      }),
      { numRuns: 5, endOnFailure: true },
    );
  });
});
