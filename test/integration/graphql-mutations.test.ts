import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Role } from '../../src/config.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { readGraph } from '../support/graph-facts.js';
import {
  inProcessGraphql,
  type GqlResult,
  type InProcessGraphql,
} from '../support/graphql-exec.js';
import { id, personsOf } from '../support/identity.js';

/**
 * Every identity mutation and steward query of the schema, executed in process against the
 * real Neo4j on a graph the tests build through the API: each step checks the answer and what
 * the graph holds afterwards. The steps build on each other and run in order.
 */

let db: Gateway;
let app: App;
let gql: InProcessGraphql;

const M1 = id('member_id', 'M1');
const M2 = id('member_id', 'M2');
const U1 = id('union_id', 'U1');
const O1 = id('open_id', 'O1');
const D9 = id('device_id', 'D9');
const SHARED = id('device_id', 'SHARED');
const X1 = id('ext_one_id', 'X1');

/** OneIDs from the first resolveIds call. */
let m1: string;
let u1: string;

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), db);
  await app.segments.init();
  gql = await inProcessGraphql(app);
});
afterAll(async () => {
  await gql?.stop();
  await db?.close();
});

const read = <T>(cypher: string, params?: Record<string, unknown>) =>
  readGraph<T>(db, cypher, params);

const statusOf = async (oneId: string) =>
  (
    await read<{ status: string }>('MATCH (p:Person {oneId: $oneId}) RETURN p.status AS status', {
      oneId,
    })
  )[0]?.status;

const identifierCount = async () =>
  (await read<{ n: number }>('MATCH (i:Identifier) RETURN count(i) AS n'))[0]?.n;

/** The link between two identifiers, as stored. */
async function linkBetween(a: { type: string; value: string }, b: { type: string; value: string }) {
  const rows = await read<{
    confidence: number;
    lastSeen: string;
    active: boolean;
    source: string;
  }>(
    `MATCH (:Identifier {key: $a})-[r:LINKED]-(:Identifier {key: $b})
     RETURN r.confidence AS confidence, r.lastSeen AS lastSeen, r.active AS active, r.source AS source`,
    { a: `${a.type}:${a.value}`, b: `${b.type}:${b.value}` },
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

function codeOf(result: GqlResult<unknown>) {
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  return {
    code: result.errors?.[0]?.extensions?.code,
    field: result.errors?.[0]?.extensions?.field,
  };
}

/** Each role below `required` is refused with FORBIDDEN. */
async function expectForbiddenBelow(
  required: Role,
  query: string,
  variables: Record<string, unknown>,
) {
  const below: Role[] = required === 'steward' ? ['reader', 'service'] : ['reader'];
  for (const role of below) {
    const result = await gql.run(query, variables, role);
    expect({ role, ...codeOf(result) }).toEqual({ role, code: 'FORBIDDEN', field: undefined });
  }
}

const RESOLVE = `mutation($inputs: [ResolveIdInput!]!) {
  resolveIds(inputs: $inputs) { oneId pid created matchedBy }
}`;
const CHANGE = 'written createdOneIds personsChanged personsRetired newConflicts skipped';
const LINK = `mutation($a: IdentifierInput!, $b: IdentifierInput!, $confidence: Float! = 1) {
  linkIdentifiers(a: $a, b: $b, confidence: $confidence) { ${CHANGE} }
}`;
const UNLINK = `mutation($a: IdentifierInput!, $b: IdentifierInput!) {
  unlinkIdentifiers(a: $a, b: $b) { ${CHANGE} }
}`;
const UPSERT = `mutation($rows: [IdMappingInput!]!) { upsertIdMappings(rows: $rows) { ${CHANGE} } }`;
const PERSON = `query($oneId: String) {
  person(oneId: $oneId) {
    oneId status mergedFrom
    history { kind otherOneId reason }
  }
}`;
const EXPLAIN = `query($identifier: IdentifierInput) {
  person(identifier: $identifier) { oneId explain { from to source confidence active conflict } }
}`;
const CONFLICTS = '{ conflicts { from to reason source confidence fromOneId toOneId at } }';

interface Change {
  written: number;
  createdOneIds: string[];
  personsChanged: number;
  personsRetired: number;
  newConflicts: number;
  skipped: string[];
}
interface PersonView {
  oneId: string;
  status: string;
  mergedFrom: string[];
  history: { kind: string; otherOneId: string; reason: string | null }[];
}

describe('identity mutations and steward queries, in process against Neo4j', () => {
  it('resolveIds answers in input order: new persons, known identifiers, identifiers linked to one', async () => {
    await expectForbiddenBelow('service', RESOLVE, {
      inputs: [{ type: 'device_id', value: 'D10' }],
    });
    expect(await identifierCount()).toBe(0);

    const first = await gql.ok<{
      resolveIds: { oneId: string; created: boolean; matchedBy: string }[];
    }>(RESOLVE, { inputs: [M1, U1] }, 'service');
    expect(first.resolveIds.map((r) => [r.created, r.matchedBy])).toEqual([
      [true, 'NEW'],
      [true, 'NEW'],
    ]);
    [m1, u1] = first.resolveIds.map((r) => r.oneId) as [string, string];
    expect(m1).not.toBe(u1);

    const second = await gql.ok<{
      resolveIds: { oneId: string; created: boolean; matchedBy: string }[];
    }>(RESOLVE, { inputs: [U1, { ...O1, links: [M1] }, D9] }, 'service');
    const [known, linked, fresh] = second.resolveIds;
    expect(known).toMatchObject({ oneId: u1, created: false, matchedBy: 'EXISTING' });
    expect(linked).toMatchObject({ oneId: m1, created: false, matchedBy: 'LINKED' });
    expect(fresh).toMatchObject({ created: true, matchedBy: 'NEW' });
    expect([m1, u1]).not.toContain(fresh?.oneId);
    // what the graph holds: O1 joined M1's person, D9 has its own
    expect(await personsOf(db, [M1, U1, O1, D9])).toEqual([m1, u1, m1, fresh?.oneId]);
  });

  it('linkIdentifiers merges two persons: one retires, the survivor keeps its OneID and lists it', async () => {
    await expectForbiddenBelow('steward', LINK, { a: M1, b: U1 });
    expect(await personsOf(db, [M1, U1])).toEqual([m1, u1]);

    const { linkIdentifiers } = await gql.ok<{ linkIdentifiers: Change }>(
      LINK,
      { a: M1, b: U1 },
      'steward',
    );
    expect(linkIdentifiers).toMatchObject({
      written: 1,
      createdOneIds: [],
      personsRetired: 1,
      newConflicts: 0,
      skipped: [],
    });
    // the member's person is older (created first): it survives
    expect(await personsOf(db, [M1, U1, O1])).toEqual([m1, m1, m1]);
    expect(await statusOf(u1)).toBe('merged');
    expect(await statusOf(m1)).toBe('active');

    // the retired OneID resolves to the survivor, which lists what merged into it
    const { person } = await gql.ok<{ person: PersonView }>(PERSON, { oneId: u1 });
    expect(person).toMatchObject({ oneId: m1, status: 'active', mergedFrom: [u1] });
    expect(person.history).toEqual([
      { kind: 'MERGED_FROM', otherOneId: u1, reason: 'link by steward' },
    ]);

    const explained = await gql.ok<{
      person: { oneId: string; explain: { from: string; to: string; source: string }[] };
    }>(EXPLAIN, { identifier: U1 }, 'steward');
    expect(explained.person.oneId).toBe(m1);
    expect(explained.person.explain).toContainEqual(
      expect.objectContaining({ source: 'steward', confidence: 1, active: true, conflict: null }),
    );
    const keys = explained.person.explain.map((l) => [l.from, l.to].sort().join(' '));
    expect(keys.sort()).toEqual(['member_id:M1 open_id:O1', 'member_id:M1 union_id:U1']);
  });

  it('Person.explain is for stewards only', async () => {
    for (const role of ['reader', 'service'] as const) {
      const result = await gql.run(EXPLAIN, { identifier: M1 }, role);
      expect({ role, ...codeOf(result) }).toEqual({ role, code: 'FORBIDDEN', field: undefined });
    }
  });

  it('unlinkIdentifiers splits the person back: each side has its own OneID again', async () => {
    await expectForbiddenBelow('steward', UNLINK, { a: M1, b: U1 });
    expect(await personsOf(db, [M1, U1])).toEqual([m1, m1]);

    const { unlinkIdentifiers } = await gql.ok<{ unlinkIdentifiers: Change }>(
      UNLINK,
      { a: M1, b: U1 },
      'steward',
    );
    // the retired person is revived, not a new one created
    expect(unlinkIdentifiers).toMatchObject({ written: 1, createdOneIds: [], personsRetired: 0 });
    expect(unlinkIdentifiers.personsChanged).toBeGreaterThanOrEqual(1);
    expect(await personsOf(db, [M1, U1, O1])).toEqual([m1, u1, m1]);
    expect(await statusOf(u1)).toBe('active');
    expect((await linkBetween(M1, U1))?.active).toBe(false);

    const revived = (await gql.ok<{ person: PersonView }>(PERSON, { oneId: u1 })).person;
    expect(revived).toMatchObject({ oneId: u1, status: 'active', mergedFrom: [] });
    expect(revived.history.map((h) => [h.kind, h.otherOneId])).toEqual([
      ['MERGED_INTO', m1],
      ['SPLIT_FROM', m1],
    ]);
    const survivor = (await gql.ok<{ person: PersonView }>(PERSON, { oneId: m1 })).person;
    // the history keeps the undone merge; mergedFrom lists only merges that stand
    expect(survivor).toMatchObject({ oneId: m1, status: 'active', mergedFrom: [] });
    expect(survivor.history.map((h) => [h.kind, h.otherOneId])).toEqual([
      ['MERGED_FROM', u1],
      ['SPLIT_INTO', u1],
    ]);

    // a pair that is not linked
    const missing = await gql.run(UNLINK, { a: M1, b: D9 }, 'steward');
    expect(codeOf(missing)).toEqual({ code: 'BAD_USER_INPUT', field: 'b' });
  });

  it('upsertIdMappings has MERGE INTO semantics: a newer last_seen updates, an older one is a no-op', async () => {
    const row = {
      oneId: X1.value,
      idType: 'member_id',
      idValue: 'M1',
      sourceChannel: 'crm',
      confidence: 0.9,
      firstSeen: '2024-01-01T00:00:00Z',
      lastSeen: '2024-05-01T00:00:00Z',
    };
    await expectForbiddenBelow('service', UPSERT, { rows: [row] });
    expect(await personsOf(db, [X1])).toEqual([null]);

    const inserted = await gql.ok<{ upsertIdMappings: Change }>(UPSERT, { rows: [row] }, 'service');
    expect(inserted.upsertIdMappings).toMatchObject({ written: 1, personsRetired: 0, skipped: [] });
    expect(await personsOf(db, [X1, M1])).toEqual([m1, m1]);
    expect(await linkBetween(X1, M1)).toEqual({
      confidence: 0.9,
      lastSeen: '2024-05-01T00:00:00',
      active: true,
      source: 'crm',
    });

    // any offset, stored in UTC
    const newer = { ...row, confidence: 0.95, lastSeen: '2024-06-01T08:00:00+08:00' };
    await gql.ok(UPSERT, { rows: [newer] }, 'service');
    expect(await linkBetween(X1, M1)).toMatchObject({
      confidence: 0.95,
      lastSeen: '2024-06-01T00:00:00',
      active: true,
    });

    const older = { ...row, confidence: 0.5, lastSeen: '2024-02-01T00:00:00Z', isActive: false };
    await gql.ok(UPSERT, { rows: [older] }, 'service');
    expect(await linkBetween(X1, M1)).toMatchObject({
      confidence: 0.95,
      lastSeen: '2024-06-01T00:00:00',
      active: true,
    });
    expect(await personsOf(db, [X1])).toEqual([m1]);
  });

  it('conflicts lists a device shared by two members, with its reason, and leaves them apart', async () => {
    await gql.ok(RESOLVE, { inputs: [M2] }, 'service');
    const [m2] = await personsOf(db, [M2]);
    await gql.ok(LINK, { a: M1, b: SHARED, confidence: 0.9 }, 'steward');
    const { linkIdentifiers } = await gql.ok<{ linkIdentifiers: Change }>(
      LINK,
      { a: M2, b: SHARED, confidence: 0.9 },
      'steward',
    );
    expect(linkIdentifiers).toMatchObject({ newConflicts: 1, personsRetired: 0 });
    expect(await personsOf(db, [M1, SHARED, M2])).toEqual([m1, m1, m2]);

    await expectForbiddenBelow('steward', CONFLICTS, {});
    const { conflicts } = await gql.ok<{
      conflicts: { from: string; to: string; reason: string; fromOneId: string; toOneId: string }[];
    }>(CONFLICTS, {}, 'steward');
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    expect(conflict).toMatchObject({
      reason: 'would give one person 2 member_id (at most 1)',
      source: 'steward',
      confidence: 0.9,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const ends = new Map([
      [conflict?.from, conflict?.fromOneId],
      [conflict?.to, conflict?.toOneId],
    ]);
    expect(ends).toEqual(
      new Map([
        ['member_id:M2', m2],
        ['device_id:SHARED', m1],
      ]),
    );
  });

  it('bad input is BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await identifierCount();
    const cases: [string, Record<string, unknown>, Role, string][] = [
      [LINK, { a: { type: 'shoe_size', value: '42' }, b: M1 }, 'steward', 'a.type'],
      [LINK, { a: M1, b: U1, confidence: 1.5 }, 'steward', 'confidence'],
      [UNLINK, { a: M1, b: { type: 'member_id', value: 'null' } }, 'steward', 'b.value'],
      [RESOLVE, { inputs: [D9, { type: 'shoe_size', value: '42' }] }, 'service', 'inputs[1].type'],
      [
        'mutation { resolveId(type: "device_id", value: "D11", links: [{type: "mobile_hash", value: "x"}]) { oneId } }',
        {},
        'service',
        'links[0].value',
      ],
      [
        UPSERT,
        {
          rows: [
            {
              oneId: 'X2',
              idType: 'mobile_hash',
              idValue: '13800138000',
              confidence: 1,
              firstSeen: '2024-01-01T00:00:00Z',
            },
          ],
        },
        'service',
        'rows[0].idValue',
      ],
    ];
    for (const [query, variables, role, field] of cases) {
      const result = await gql.run(query, variables, role);
      expect(codeOf(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    const plain = await gql.run(UPSERT, cases[5]?.[1], 'service');
    expect(plain.errors?.[0]?.message).toContain('send a plain mobile as type "mobile"');
    expect(await identifierCount()).toBe(before);
    expect(gql.logged).toEqual([]);
  });
});
