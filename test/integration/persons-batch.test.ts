import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { inProcessGraphql, type InProcessGraphql } from '../support/graphql-exec.js';

/**
 * `persons(identifiers:)` in process against the real Neo4j, through a gateway that records
 * the name of every read: a batch costs one read per loader, whatever its length.
 */

const FIXTURE = `
CREATE (p1:Person {pid: 1, oneId: 'OID1', status: 'active', createdAt: '2024-01-01T00:00:00'})
CREATE (p2:Person {pid: 2, oneId: 'OID2', status: 'active', createdAt: '2024-01-02T00:00:00'})
CREATE (:Identifier {key: 'member_id:M1', type: 'member_id', value: 'M1', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false})-[:BELONGS_TO]->(p1)
CREATE (:Identifier {key: 'union_id:U1', type: 'union_id', value: 'U1', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false})-[:BELONGS_TO]->(p1)
CREATE (:Identifier {key: 'member_id:M2', type: 'member_id', value: 'M2', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false})-[:BELONGS_TO]->(p2)`;

const PERSONS = `query($ids: [IdentifierInput!]!) { persons(identifiers: $ids) { oneId status } }`;
const member = (value: string) => ({ type: 'member_id', value });

let db: Gateway;
let gql: InProcessGraphql;
const reads: string[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  await db.driver.executeQuery(FIXTURE, {}, { database: db.database });
  const recording: Gateway = {
    ...db,
    readQuery: (name, params) => {
      reads.push(name);
      return db.readQuery(name, params);
    },
  };
  gql = await inProcessGraphql(createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), recording));
});
beforeEach(() => {
  reads.length = 0;
});
afterAll(async () => {
  await gql?.stop();
  await db?.close();
});

describe('persons(identifiers:)', () => {
  it('answers in input order, null for an unknown identifier, in one read', async () => {
    const ids = [member('M2'), member('NOPE'), { type: 'union_id', value: 'U1' }, member('M1')];
    const data = await gql.ok<{ persons: ({ oneId: string } | null)[] }>(PERSONS, { ids });
    expect(data.persons).toEqual([
      { oneId: 'OID2', status: 'active' },
      null,
      { oneId: 'OID1', status: 'active' },
      { oneId: 'OID1', status: 'active' },
    ]);
    expect(reads).toEqual(['identity/persons-by-key']);
  });

  it('reads the identifiers of the whole batch in one more read', async () => {
    const query = `query($ids: [IdentifierInput!]!) { persons(identifiers: $ids) { oneId identifiers { value } } }`;
    const ids = Array.from({ length: 100 }, (_, i) => member(i % 2 === 0 ? 'M1' : `X${i}`));
    ids[99] = member('M2');
    const data = await gql.ok<{ persons: ({ identifiers: { value: string }[] } | null)[] }>(query, {
      ids,
    });
    expect(data.persons).toHaveLength(100);
    expect(data.persons[0]?.identifiers.map((i) => i.value).sort()).toEqual(['M1', 'U1']);
    expect(data.persons[1]).toBeNull();
    expect(data.persons[99]?.identifiers.map((i) => i.value)).toEqual(['M2']);
    expect(reads).toEqual(['identity/persons-by-key', 'identity/details-by-pid']);
  });

  it('shares the read with person(identifier:) in the same request', async () => {
    const query = `query($ids: [IdentifierInput!]!) {
      persons(identifiers: $ids) { oneId }
      one: person(identifier: { type: "member_id", value: "M2" }) { oneId }
    }`;
    const data = await gql.ok<{ one: { oneId: string } }>(query, { ids: [member('M1')] });
    expect(data.one.oneId).toBe('OID2');
    expect(reads).toEqual(['identity/persons-by-key']);
  });

  it('refuses more than 100 identifiers, naming the argument', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => member(`M${i}`));
    const { errors } = await gql.run(PERSONS, { ids });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'identifiers',
      max: 100,
    });
    expect(reads).toEqual([]);
  });

  it('refuses an invalid identifier, naming it by its index', async () => {
    const ids = [
      member('M1'),
      member('M2'),
      member('M3'),
      { type: 'mobile_hash', value: '+86139' },
    ];
    const { errors } = await gql.run(PERSONS, { ids });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'identifiers[3].value',
    });
    expect(reads).toEqual([]);
  });
});
