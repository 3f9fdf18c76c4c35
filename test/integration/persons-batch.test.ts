import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { inProcessGraphql, type InProcessGraphql } from '../support/graphql-exec.js';

/**
 * `persons(identifiers:)` and `person(...)` in process against the real Neo4j, through a
 * gateway that records the name of every read: a batch costs one read per loader, whatever its
 * length, and a selection that shows identifiers or profile reads them with the person.
 */

const FIXTURE = `
CREATE (p1:Person {pid: 1, oneId: 'OID1', status: 'active', createdAt: '2024-01-01T00:00:00'})
CREATE (p2:Person {pid: 2, oneId: 'OID2', status: 'active', createdAt: '2024-01-02T00:00:00',
                   purchaseDays: ['2026-01-01'], dayCents: [1000], dayBought: [true], channels: ['app'], channelFirstDays: ['2026-01-01']})
CREATE (:Person {pid: 3, oneId: 'OID3', status: 'merged', createdAt: '2024-01-03T00:00:00'})-[:MERGED_INTO]->(p1)
CREATE (:Identifier {key: 'member_id:M1', type: 'member_id', value: 'M1', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false,
                    realName: 'Ann', level: 'gold', profileUpdatedAt: '2024-02-01T00:00:00'})-[:BELONGS_TO]->(p1)
CREATE (:Identifier {key: 'union_id:U1', type: 'union_id', value: 'U1', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false})-[:BELONGS_TO]->(p1)
CREATE (:Identifier {key: 'member_id:M2', type: 'member_id', value: 'M2', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false})-[:BELONGS_TO]->(p2)`;

const PERSONS = `query($ids: [IdentifierInput!]!) { persons(identifiers: $ids) { oneId status } }`;
const member = (value: string) => ({ type: 'member_id', value });

let db: Gateway;
let gql: InProcessGraphql;
/** The test database through a gateway that records the name of every read. */
let recording: Gateway;
const reads: string[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  await db.driver.executeQuery(FIXTURE, {}, { database: db.database });
  recording = {
    ...db,
    readQuery: (name, params) => {
      reads.push(name);
      return db.readQuery(name, params);
    },
  };
  const app = createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), recording);
  // quintile scores rank a person among everyone, in this process's view: load it before reads
  // are counted (a person's own RFM and segments are read with its page)
  await app.rfm.view(app.rfm.asOf(null));
  gql = await inProcessGraphql(app);
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

  it('reads the identifiers of the whole batch with the persons, in one read', async () => {
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
    expect(reads).toEqual(['identity/person-pages']);
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

  it('sees identifiers and profile through fragments and inline fragments', async () => {
    const spread = `query($ids: [IdentifierInput!]!) { persons(identifiers: $ids) { ...page } }
      fragment page on Person { oneId ... { profile { realName } } }`;
    const data = await gql.ok<{ persons: { profile: { realName: string } }[] }>(spread, {
      ids: [member('M1')],
    });
    expect(data.persons[0]?.profile.realName).toBe('Ann');
    expect(reads).toEqual(['identity/person-pages']);
  });

  it('reads persons alone when identifiers and profile are skipped', async () => {
    const skipped = `query($ids: [IdentifierInput!]!, $show: Boolean!) {
      persons(identifiers: $ids) { oneId identifiers @include(if: $show) { value } ... @skip(if: true) { profile { level } } }
    }`;
    await gql.ok(skipped, { ids: [member('M1')], show: false });
    expect(reads).toEqual(['identity/persons-by-key']);
  });
});

describe('the person page', () => {
  const PAGE = `{ oneId identifiers { type value } profile { realName level } rfm { frequency } segments }`;

  it('by identifier: identifiers, profile, RFM and segments in one read', async () => {
    const query = `{ person(identifier: { type: "union_id", value: "U1" }) ${PAGE} }`;
    const data = await gql.ok<{ person: Record<string, unknown> }>(query);
    expect(data.person).toEqual({
      oneId: 'OID1',
      identifiers: [
        { type: 'member_id', value: 'M1' },
        { type: 'union_id', value: 'U1' },
      ],
      profile: { realName: 'Ann', level: 'gold' },
      rfm: null,
      segments: [],
    });
    expect(reads).toEqual(['identity/person-pages']);
  });

  it('by OneID: in one read, a retired one gives its survivor, null for an unknown one', async () => {
    const query = `{
      one: person(oneId: "OID2") ${PAGE}
      retired: person(oneId: "OID3") ${PAGE}
      none: person(oneId: "NOPE") ${PAGE}
    }`;
    const data = await gql.ok<{
      one: { identifiers: unknown[] };
      retired: { oneId: string; profile: unknown };
      none: null;
    }>(query);
    expect(data.one.identifiers).toEqual([{ type: 'member_id', value: 'M2' }]);
    expect(data.retired).toMatchObject({ oneId: 'OID1', profile: { realName: 'Ann' } });
    expect(data.none).toBeNull();
    expect(reads).toEqual(['identity/person-pages']);
  });

  it('shares reads between concurrent requests', async () => {
    const query = `{ person(identifier: { type: "member_id", value: "M2" }) ${PAGE} }`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => gql.ok<{ person: { oneId: string } }>(query)),
    );
    expect(answers.map((a) => a.person.oneId)).toEqual(Array(20).fill('OID2'));
    // two reads go out at once, the requests that arrive meanwhile share the next ones
    expect(reads.length).toBeLessThan(10);
    expect(new Set(reads)).toEqual(new Set(['identity/person-pages']));
  });

  it('RFM or segments alone: the page read with the summary, still one read', async () => {
    await gql.ok(
      `{ person(identifier: { type: "member_id", value: "M1" }) { oneId rfm { frequency } } }`,
    );
    await gql.ok(`{ person(oneId: "OID1") { oneId segments } }`);
    expect(reads).toEqual(['identity/person-pages', 'identity/person-pages']);
  });

  it('without identifiers, profile, RFM or segments: the lighter reads', async () => {
    await gql.ok(`{ person(identifier: { type: "member_id", value: "M1" }) { oneId status } }`);
    await gql.ok(`{ person(oneId: "OID1") { oneId } }`);
    expect(reads).toEqual([
      'identity/persons-by-key',
      'identity/active-pid-by-one-id',
      'identity/persons-by-pid',
    ]);
  });

  it('a list of persons reads the summaries of the whole page in one more read', async () => {
    const data = await gql.ok<{ people: { nodes: unknown[] } }>(
      `{ people(orderBy: PID_ASC, first: 5) { nodes { oneId rfm { frequency } segments } } }`,
    );
    expect(data.people.nodes).toEqual([
      { oneId: 'OID2', rfm: { frequency: 1 }, segments: ['At Risk', 'channel_app'] },
    ]);
    expect(reads).toEqual(['identity/persons-by-pid', 'identity/person-pages']);
  });
});

describe('RFM of a person', () => {
  it('without scores reads the page alone: the population is never loaded', async () => {
    // a fresh app: no RFM view of everyone built yet (it reads the saved segments' definitions
    // once, as any new process does)
    const cold = await inProcessGraphql(
      createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), recording),
    );
    try {
      const data = await cold.ok<{ person: unknown }>(
        `{ person(oneId: "OID2") { rfm { frequency monetary segment } segments } }`,
      );
      expect(data.person).toEqual({
        rfm: { frequency: 1, monetary: '10.00', segment: 'At Risk' },
        segments: ['At Risk', 'channel_app'],
      });
      expect([...reads].sort()).toEqual(['identity/person-pages', 'segments/list-segments']);
      reads.length = 0;
      await cold.ok(`{ person(oneId: "OID2") { rfm { frequency } segments } }`);
      expect(reads).toEqual(['identity/person-pages']);
    } finally {
      await cold.stop();
    }
  });

  it('scores rank the person among everyone with RFM as of the date', async () => {
    const data = await gql.ok<{ person: unknown }>(
      `{ person(oneId: "OID2") { rfm { scores { r f m } } } }`,
    );
    // the only person with RFM: nobody ranks below it
    expect(data.person).toEqual({ rfm: { scores: { r: 1, f: 1, m: 1 } } });
    expect(reads).toEqual(['identity/person-pages']);
  });
});

describe('persons(identifiers:) input', () => {
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
