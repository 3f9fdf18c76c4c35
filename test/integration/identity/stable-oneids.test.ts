import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveIds } from '../../../src/identity/resolve-id.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { id, identityService, link, personsOf } from '../../support/identity.js';

/**
 * OneIDs do not move when they should not (issue 12, defects 4 and 12): a conflicting link
 * written in the same second as the links it conflicts with moves nothing, and undoing a
 * merge gives each side back the OneID it had before.
 */

let db: Gateway;
beforeEach(async () => {
  db = await freshDatabase();
  // Every write of a test happens in one and the same second.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 0, 1, 12, 0, 0));
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await db?.close();
});

const A = id('member_id', 'A');
const B = id('member_id', 'B');
const DA = id('device_id', 'da');
const DB = id('device_id', 'db');

describe('a conflicting link arriving later', () => {
  it('in the same second as the links it conflicts with, moves no identifier and retires no OneID', async () => {
    const identity = identityService(db);
    const resolve = (ref: typeof A, links: (typeof A)[]) =>
      resolveIds(identity, [{ ...ref, links }]);
    const [a] = await resolve(A, [DA]);
    const [b] = await resolve(B, [DB]);
    await resolve(DA, [DB]);
    const [oa, oda, ob, odb] = await personsOf(db, [A, DA, B, DB]);
    expect([oa, oda], 'A keeps its person and device').toEqual([a?.oneId, a?.oneId]);
    expect([ob, odb], 'B keeps its person and device').toEqual([b?.oneId, b?.oneId]);
    const retired = await db.driver.executeQuery(
      "MATCH (p:Person) WHERE p.status <> 'active' RETURN count(p) AS n",
    );
    expect(retired.records[0]?.get('n').toNumber()).toBe(0);
    const conflict = await db.driver.executeQuery(
      'MATCH (:Identifier {key: $a})-[r:LINKED]-(:Identifier {key: $b}) RETURN r.conflict AS c',
      { a: 'device_id:da', b: 'device_id:db' },
    );
    expect(conflict.records[0]?.get('c')).toBe('would give one person 2 member_id (at most 1)');
  });

  it('keeps losing on every later re-clustering of the persons it touches', async () => {
    const identity = identityService(db);
    const ingest = (links: ReturnType<typeof link>[]) =>
      identity.ingest({ identifiers: [], links }, 'test');
    await ingest([link(A, DA)]);
    await ingest([link(B, DB)]);
    await ingest([link(DA, DB)]);
    // Later writes that re-cluster both persons in one snapshot.
    await ingest([link(A, id('open_id', 'oa')), link(B, id('open_id', 'ob'))]);
    await identity.transact('test', (tx) =>
      identity.reclusterInTx(tx, ['member_id:A', 'member_id:B'], 'test'),
    );
    const [oa, oda, ob, odb] = await personsOf(db, [A, DA, B, DB]);
    expect(oda).toBe(oa);
    expect(odb).toBe(ob);
    expect(oa).not.toBe(ob);
  });
});

describe('undoing a merge', () => {
  it('gives each side back the OneID it had before the merge', async () => {
    const identity = identityService(db);
    const MBR = id('member_id', 'MBR001');
    const MOB = id('mobile_hash', 'a'.repeat(64));
    const CUS = id('customer_id', 'CUS013085');
    const DEV = id('device_id', 'cus-device');
    // The customer's identifiers are older than the member's.
    await identity.ingest(
      { identifiers: [], links: [link(CUS, DEV, 1, '2010-01-01T00:00:00')] },
      't',
    );
    vi.setSystemTime(Date.UTC(2026, 0, 1, 12, 0, 1));
    await identity.ingest(
      { identifiers: [], links: [link(MBR, MOB, 1, '2024-01-01T00:00:00')] },
      't',
    );
    const before = await personsOf(db, [MBR, MOB, CUS, DEV]);
    expect(before[0]).not.toBe(before[2]);

    await identity.ingest(
      { identifiers: [], links: [link(MBR, CUS, 1, '2026-01-01T00:00:00')] },
      't',
    );
    const merged = await personsOf(db, [MBR, MOB, CUS, DEV]);
    expect(new Set(merged).size, 'one person after the link').toBe(1);

    await identity.setLinkActive(MBR, CUS, false, 'steward');
    expect(await personsOf(db, [MBR, MOB, CUS, DEV]), 'every OneID as before the merge').toEqual(
      before,
    );
    const persons = await db.driver.executeQuery(
      'MATCH (p:Person) RETURN p.oneId AS oneId, p.status AS status ORDER BY oneId',
    );
    expect(persons.records.map((r) => [r.get('oneId'), r.get('status')])).toEqual(
      [...new Set(before)].sort().map((o) => [o, 'active']),
    );
    // Each OneID resolves to its own person again.
    const redirect = await db.readQuery<{ oneId: string; pid: number }>(
      'identity/active-pid-by-one-id',
      { oneIds: [...new Set(before)] },
    );
    expect(new Set(redirect.map((r) => r.pid)).size).toBe(2);
  });
});
