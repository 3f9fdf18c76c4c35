import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { id, identityService, link, personsOf } from '../../support/identity.js';
import { sha256Hex } from '../../../src/identity/normalize.js';

let db: Gateway;
beforeEach(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.close();
});

const MBR1 = id('member_id', 'MBR1');
const MBR2 = id('member_id', 'MBR2');
const MOB1 = id('mobile_hash', sha256Hex('m1'));
const U1 = id('union_id', 'u1');
const U2 = id('union_id', 'u2');
const DEV = id('device_id', 'DEV_SHARED');

describe('clustering in Neo4j', () => {
  it('joins linked identifiers into one person and keeps the others apart', async () => {
    const identity = identityService(db);
    await identity.ingest(
      { identifiers: [], links: [link(MBR1, MOB1), link(MBR1, U1, 0.95)] },
      'test',
    );
    await identity.ingest(
      { identifiers: [{ ...MBR2, seenAt: '2024-01-01T00:00:00' }], links: [] },
      'test',
    );
    const [p1, p2, p3, p4] = await personsOf(db, [MBR1, MOB1, U1, MBR2]);
    expect(p1).toMatch(/^OID\d{10}$/);
    expect(p2).toBe(p1);
    expect(p3).toBe(p1);
    expect(p4).not.toBe(p1);
  });

  it('stores a weak link as a candidate without merging', async () => {
    const identity = identityService(db);
    await identity.ingest({ identifiers: [], links: [link(MBR1, U1), link(MBR2, U2)] }, 'test');
    await identity.ingest({ identifiers: [], links: [link(U1, U2, 0.5)] }, 'test');
    const [a, b] = await personsOf(db, [MBR1, MBR2]);
    expect(a).not.toBe(b);
  });

  it('a device shared by two members does not merge them and is a conflict', async () => {
    const identity = identityService(db);
    await identity.ingest({ identifiers: [], links: [link(MBR1, U1), link(MBR2, U2)] }, 'test');
    const result = await identity.ingest(
      {
        identifiers: [],
        links: [
          link(U1, DEV, 0.9, '2024-02-01T00:00:00'),
          link(U2, DEV, 0.9, '2024-03-01T00:00:00'),
        ],
      },
      'test',
    );
    expect(result.conflicts).toBe(1);
    const [a, b, dev] = await personsOf(db, [MBR1, MBR2, DEV]);
    expect(a).not.toBe(b);
    expect(dev).toBe(a); // the earlier link wins
    const conflicts = await db.driver.executeQuery(
      'MATCH ()-[r:LINKED]-() WHERE r.conflict IS NOT NULL RETURN DISTINCT r.conflict AS c',
    );
    expect(conflicts.records.map((r) => r.get('c'))).toEqual([
      'would give one person 2 member_id (at most 1)',
    ]);
  });

  it('merges two persons when a link joins them: the older OneID survives and the other redirects', async () => {
    const identity = identityService(db);
    await identity.ingest({ identifiers: [], links: [link(MBR1, U1)] }, 'test');
    await identity.ingest(
      { identifiers: [], links: [link(MOB1, id('email_hash', sha256Hex('e1')))] },
      'test',
    );
    const [older, younger] = await personsOf(db, [MBR1, MOB1]);
    const merge = await identity.ingest({ identifiers: [], links: [link(U1, MOB1)] }, 'test');
    expect(merge.retiredPids).toHaveLength(1);
    const [after1, after2] = await personsOf(db, [MBR1, MOB1]);
    expect(after1).toBe(older);
    expect(after2).toBe(older);
    const redirect = await db.driver.executeQuery(
      'MATCH (:Person {oneId: $id})-[:MERGED_INTO]->(s:Person) RETURN s.oneId AS s',
      { id: younger },
    );
    expect(redirect.records[0]?.get('s')).toBe(older);
  });

  it('unlinking splits a person: the part with the earliest identifier keeps the OneID', async () => {
    const identity = identityService(db);
    await identity.ingest(
      {
        identifiers: [],
        links: [
          link(MBR1, U1, 1, '2020-01-01T00:00:00'),
          link(U1, DEV, 0.9, '2023-01-01T00:00:00'),
        ],
      },
      'test',
    );
    const [before] = await personsOf(db, [MBR1]);
    const result = await identity.setLinkActive(U1, DEV, false, 'steward');
    expect(result.createdPids).toHaveLength(1);
    const [kept, dev] = await personsOf(db, [MBR1, DEV]);
    expect(kept).toBe(before);
    expect(dev).not.toBe(before);
    const split = await db.driver.executeQuery(
      'MATCH (:Person {oneId: $dev})-[:SPLIT_FROM]->(o:Person) RETURN o.oneId AS o',
      { dev },
    );
    expect(split.records[0]?.get('o')).toBe(before);
  });

  it('quarantines a supernode and splits what it had fused', async () => {
    const identity = identityService(db, { supernodeLimit: 3 });
    const members = [1, 2, 3, 4].map((n) => id('union_id', `u${n}`));
    await identity.ingest(
      { identifiers: [], links: members.slice(0, 1).map((m) => link(m, DEV, 0.9)) },
      'test',
    );
    const result = await identity.ingest(
      { identifiers: [], links: members.slice(1).map((m) => link(m, DEV, 0.9)) },
      'test',
    );
    expect(result.quarantined).toEqual(['device_id:DEV_SHARED']);
    const persons = await personsOf(db, [...members, DEV]);
    expect(new Set(persons).size).toBe(5);
  });

  it('blocked values never enter the graph', async () => {
    const identity = identityService(db);
    const result = await identity.ingest(
      {
        identifiers: [],
        links: [
          link(MBR1, id('device_id', '00000000-0000-0000-0000-000000000000')),
          link(MBR1, id('mobile_hash', 'unknown')),
        ],
      },
      'test',
    );
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'blocked device_id value "00000000-0000-0000-0000-000000000000"',
      'blocked mobile_hash value "unknown"',
    ]);
    const count = await db.driver.executeQuery('MATCH (i:Identifier) RETURN count(i) AS n');
    expect(count.records[0]?.get('n').toNumber()).toBe(1);
  });
});
