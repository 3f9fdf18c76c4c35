import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityService } from '../../src/identity/identity-service.js';
import { nowStamp } from '../../src/identity/ids.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { id, identityService, link, personsOf } from '../support/identity.js';

/**
 * The Cypher files in cypher/steward/ (run by hand in Neo4j Browser) on a graph where each has
 * something to show: a merge that stands, a merge a split undid, a device shared by two
 * members (a conflict), a quarantined supernode and an identifier close to the limit.
 */

let db: Gateway;
let identity: IdentityService;

/** The identity service's ONEID_SUPERNODE_LIMIT for this graph. */
const SUPERNODE_LIMIT = 4;
const A = id('member_id', 'A');
const UA = id('union_id', 'UA');
const B = id('member_id', 'B');
const UB = id('union_id', 'UB');
const C = id('member_id', 'C');
const TAB = id('device_id', 'TAB');
const HUB = id('device_id', 'HUB');
const NEAR = id('device_id', 'NEAR');
const key = (r: { type: string; value: string }) => `${r.type}:${r.value}`;

/** OneIDs, by identifier, as the graph was built. */
const oneId: Record<string, string> = {};
/** Just before the split: recent-changes since then lists the split alone. */
let beforeSplit: string;

const write = (links: ReturnType<typeof link>[]) =>
  identity.ingest({ identifiers: [], links }, 'steward test');

beforeAll(async () => {
  db = await freshDatabase();
  identity = identityService(db, { supernodeLimit: SUPERNODE_LIMIT });
  const seen = (n: number) => `2024-01-0${n}T00:00:00`;
  // every identifier its own person first, older first: A, B and C keep their OneIDs on merges
  for (const [n, ref] of [A, UA, B, UB, C].entries()) {
    await identity.ingest({ identifiers: [{ ...ref, seenAt: seen(n + 1) }], links: [] }, 'test');
  }
  for (const ref of [A, UA, B, UB, C]) oneId[key(ref)] = (await personsOf(db, [ref]))[0] as string;
  // a merge that stands, and one the split below undoes
  await write([link(A, UA), link(B, UB)]);
  // a tablet shared by two members: the second link would give one person two member_ids
  await write([link(A, TAB, 0.9)]);
  await write([link(C, TAB, 0.9, '2024-02-01T00:00:00')]);
  // weak links (no merging) that still count for the supernode limit
  for (let n = 1; n <= SUPERNODE_LIMIT + 1; n++)
    await write([link(HUB, id('open_id', `hub${n}`), 0.5)]);
  for (let n = 1; n <= SUPERNODE_LIMIT - 1; n++)
    await write([link(NEAR, id('open_id', `near${n}`), 0.5)]);
  // the split happens in a later second than everything above
  const last = nowStamp();
  while (nowStamp() === last) await new Promise((r) => setTimeout(r, 50));
  beforeSplit = nowStamp();
  const split = await identity.setLinkActive(B, UB, false, 'steward');
  expect(split.found).toBe(true);
  // the graph is what the queries below expect
  expect(await personsOf(db, [A, UA, TAB, B, UB, C])).toEqual([
    oneId[key(A)],
    oneId[key(A)],
    oneId[key(A)],
    oneId[key(B)],
    oneId[key(UB)],
    oneId[key(C)],
  ]);
});
afterAll(async () => {
  await db?.close();
});

describe('the steward queries for Neo4j Browser', () => {
  it('person-cluster shows a person with its identifiers, links (conflicts too) and merges', async () => {
    const rows = await db.readQuery<{
      p: { oneId: string };
      i: { key: string };
      l: { source: string; conflict?: string; active: boolean } | null;
      j: { key: string } | null;
      h: { at: string; undoneAt?: string } | null;
      other: { oneId: string } | null;
    }>('steward/person-cluster', { key: key(A) });
    expect(new Set(rows.map((r) => r.p.oneId))).toEqual(new Set([oneId[key(A)]]));
    expect(new Set(rows.map((r) => r.i.key))).toEqual(new Set([key(A), key(UA), key(TAB)]));
    // the conflicting link reaches C, outside the person
    expect(new Set(rows.map((r) => r.j?.key))).toEqual(
      new Set([key(A), key(UA), key(TAB), key(C)]),
    );
    expect(rows.find((r) => r.j?.key === key(C))?.l).toMatchObject({
      conflict: 'would give one person 2 member_id (at most 1)',
      active: true,
    });
    expect(new Set(rows.map((r) => r.other?.oneId))).toEqual(new Set([oneId[key(UA)]]));
    expect(rows.every((r) => r.h !== null && r.h.undoneAt === undefined)).toBe(true);

    // after the split: the inactive link, the undone merge and the split
    const split = await db.readQuery<{
      i: { key: string };
      l: { active: boolean } | null;
      h: { undoneAt?: string } | null;
      other: { oneId: string } | null;
    }>('steward/person-cluster', { key: key(B) });
    expect(new Set(split.map((r) => r.i.key))).toEqual(new Set([key(B)]));
    expect(new Set(split.map((r) => r.l?.active))).toEqual(new Set([false]));
    expect(new Set(split.map((r) => r.other?.oneId))).toEqual(new Set([oneId[key(UB)]]));
    expect(new Set(split.map((r) => r.h?.undoneAt === undefined))).toEqual(new Set([true, false]));
  });

  it('recent-changes lists merges, the undone one as WAS_MERGED_INTO, and the split, newest first', async () => {
    const rows = await db.readQuery<{
      change: string;
      person: string;
      other: string;
      at: string;
      reason: string | null;
    }>('steward/recent-changes', { since: '2000-01-01T00:00:00' });
    const rest = rows.slice(1).sort((x, y) => x.change.localeCompare(y.change));
    expect(rows[0]).toMatchObject({
      change: 'SPLIT_FROM',
      person: oneId[key(UB)],
      other: oneId[key(B)],
      reason: 'unlink by steward',
    });
    // both merges were written together (same time): their order is the database's
    expect(rest).toEqual([
      expect.objectContaining({
        change: 'MERGED_INTO',
        person: oneId[key(UA)],
        other: oneId[key(A)],
        reason: 'steward test',
      }),
      expect.objectContaining({
        change: 'WAS_MERGED_INTO',
        person: oneId[key(UB)],
        other: oneId[key(B)],
        reason: 'steward test',
      }),
    ]);
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort().reverse());
    // `since` leaves out what came before
    const recent = await db.readQuery<{ change: string }>('steward/recent-changes', {
      since: beforeSplit,
    });
    expect(recent.map((r) => r.change)).toEqual(['SPLIT_FROM']);
  });

  it('conflicts lists the shared tablet with its reason and the persons on each side', async () => {
    const rows = await db.readQuery<Record<string, unknown>>('steward/conflicts');
    expect(rows).toHaveLength(1);
    const [row] = rows as [Record<string, unknown>];
    expect(row).toMatchObject({
      reason: 'would give one person 2 member_id (at most 1)',
      source: 'test',
      confidence: 0.9,
      at: expect.any(String),
    });
    expect(
      new Map([
        [row.from, row.fromPerson],
        [row.to, row.toPerson],
      ]),
    ).toEqual(
      new Map([
        [key(C), oneId[key(C)]],
        [key(TAB), oneId[key(A)]],
      ]),
    );
  });

  it('largest-clusters puts the merged person first', async () => {
    const rows = await db.readQuery<{
      oneId: string;
      identifiers: number;
      sample: string[];
    }>('steward/largest-clusters', { limit: 2 });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ oneId: oneId[key(A)], identifiers: 3 });
    expect(new Set(rows[0]?.sample)).toEqual(new Set([key(A), key(UA), key(TAB)]));
    expect(rows[1]?.identifiers).toBe(1);
  });

  it('supernodes lists the quarantined identifier first, then those past half the limit', async () => {
    const rows = await db.readQuery('steward/supernodes', { limit: SUPERNODE_LIMIT });
    expect(rows).toEqual([
      {
        identifier: key(HUB),
        degree: SUPERNODE_LIMIT + 1,
        quarantined: true,
        reason: `linked to ${SUPERNODE_LIMIT + 1} identifiers (limit ${SUPERNODE_LIMIT})`,
      },
      { identifier: key(NEAR), degree: SUPERNODE_LIMIT - 1, quarantined: false, reason: null },
    ]);
  });
});
