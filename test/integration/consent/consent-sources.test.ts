import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { loadFile } from '../../../src/ingest/load-file.js';
import type { SourceKind } from '../../../src/ingest/load-summary.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase, otherProcessGateway } from '../../support/db.js';
import { readGraph } from '../../support/graph-facts.js';
import { inProcessGraphql, type InProcessGraphql } from '../../support/graphql-exec.js';

/**
 * Where consent comes from: the CRM columns, consent events and setConsent, each recorded
 * on identifiers with its time (older never overwrites newer), derived into the person's
 * `p.consents` in the writing transaction and recorded in the change feed, so that another
 * process sees it. Against the real Neo4j; the steps build on each other and run in order.
 */

const config = loadConfig({ ONEID_AS_OF: '2026-06-06', ONEID_FEED_POLL_MS: '50' });
const CRM_HEADER =
  'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at,consent_ads,consent_email';

let db: Gateway;
let otherDb: Gateway;
let app: App;
let other: App;
let gql: InProcessGraphql;
let dir: string;
/** What the other process's feed delivered: consents per pid, as its caches apply them. */
const followed = new Map<number, readonly string[]>();

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(config, db);
  await app.segments.init();
  gql = await inProcessGraphql(app);
  otherDb = otherProcessGateway();
  other = createApp(config, otherDb);
  await other.segments.init(true);
  other.rfm.feed.onChange((change) => {
    for (const [pid, summary] of change.fresh) followed.set(pid, summary.consents);
    return Promise.resolve();
  });
  dir = mkdtempSync(join(tmpdir(), 'oneid-consent-'));
});
afterAll(async () => {
  other?.rfm.feed.stop();
  app?.rfm.feed.stop();
  await gql?.stop();
  await otherDb?.close();
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const load = (kind: SourceKind, path: string) =>
  loadFile(kind, path, { identity: app.identity, eventLinkConfidence: {} });

/** The person of an identifier key with its derived consents (`p.consents`). */
async function personOf(key: string): Promise<{ pid: number; consents: string[] }> {
  const [row] = await readGraph<{ pid: number; consents: string[] | null }>(
    db,
    'MATCH (:Identifier {key: $key})-[:BELONGS_TO]->(p:Person) RETURN p.pid AS pid, p.consents AS consents',
    { key },
  );
  if (!row) throw new Error(`no person holds ${key}`);
  return { pid: row.pid, consents: [...(row.consents ?? [])].sort() };
}

interface Consent {
  purpose: 'ADS' | 'EMAIL';
  granted: boolean;
  at: string | null;
  source: string | null;
}
const CONSENT = 'consent { purpose granted at source }';

async function consentOf(type: string, value: string): Promise<Consent[]> {
  const data = await gql.ok<{ person: { consent: Consent[] } | null }>(
    `query($id: IdentifierInput!) { person(identifier: $id) { ${CONSENT} } }`,
    { id: { type, value } },
  );
  if (!data.person) throw new Error(`no person for ${type}:${value}`);
  return data.person.consent;
}

const SET_CONSENT = `mutation($id: IdentifierInput!, $purpose: ConsentPurpose!, $granted: Boolean!, $at: DateTime) {
  setConsent(identifier: $id, purpose: $purpose, granted: $granted, at: $at) { oneId pid ${CONSENT} }
}`;

/** The feed entry of `seq`, as stored. */
async function changeAt(seq: number): Promise<number[] | undefined> {
  const [row] = await readGraph<{ pids: number[] }>(
    db,
    'MATCH (c:Change {seq: $seq}) RETURN c.pids AS pids',
    { seq },
  );
  return row?.pids;
}

/** Waits until the other process has applied the write that committed `seq`. */
async function otherSees(seq: number, pid: number): Promise<readonly string[] | undefined> {
  await other.rfm.feed.waitFor(seq);
  return followed.get(pid);
}

describe('consent from the CRM file columns', () => {
  it('grants what a row states, reports a bad value with file and line, loads the other rows', async () => {
    const path = file('crm-a.csv', [
      CRM_HEADER,
      'MBRC1,,,Ann,F,,2020-01-01,offline,silver,1,2024-01-10 10:00:00,yes,',
      'MBRC2,,,Ben,M,,2020-01-01,offline,silver,1,2024-01-10 10:00:00,maybe,',
      'MBRC3,,,Cat,F,,2020-01-01,offline,silver,1,2024-01-10 10:00:00,N,TRUE',
      'MBRC4,,,Dan,M,,2020-01-01,offline,silver,1,2024-01-10 10:00:00,,',
    ]);
    const seq = app.rfm.feed.committed;
    const summary = await load('crm', path);
    expect(summary.rejected).toEqual([
      {
        file: path,
        line: 3,
        reason: 'malformed consent "maybe" in consent_ads (true/false, yes/no, 1/0, y/n)',
      },
    ]);
    expect(summary.loaded).toBe(3);
    expect((await personOf('member_id:MBRC1')).consents).toEqual(['ads']);
    expect((await personOf('member_id:MBRC3')).consents).toEqual(['email']);
    expect((await personOf('member_id:MBRC4')).consents).toEqual([]);
    expect(
      await readGraph(db, "MATCH (i:Identifier {key: 'member_id:MBRC2'}) RETURN i.key AS key"),
    ).toEqual([]);
    expect(await consentOf('member_id', 'MBRC3')).toEqual([
      { purpose: 'ADS', granted: false, at: '2024-01-10T10:00:00Z', source: 'crm' },
      { purpose: 'EMAIL', granted: true, at: '2024-01-10T10:00:00Z', source: 'crm' },
    ]);
    expect(await consentOf('member_id', 'MBRC4')).toEqual([
      { purpose: 'ADS', granted: false, at: null, source: null },
      { purpose: 'EMAIL', granted: false, at: null, source: null },
    ]);
    // recorded in the feed under a sequence of the load, which the other process applies
    const { pid } = await personOf('member_id:MBRC1');
    expect(app.rfm.feed.committed).toBeGreaterThan(seq);
    expect(await otherSees(app.rfm.feed.committed, pid)).toEqual(['ads']);
  });

  it('a later row withdraws; an empty column leaves the stored statement', async () => {
    const { pid } = await personOf('member_id:MBRC1');
    await load(
      'crm',
      file('crm-b.csv', [
        CRM_HEADER,
        'MBRC1,,,Ann,F,,2020-01-01,offline,gold,2,2024-06-10 10:00:00,0,',
        'MBRC3,,,Cat,F,,2020-01-01,offline,gold,2,2024-06-10 10:00:00,,',
      ]),
    );
    expect((await personOf('member_id:MBRC1')).consents).toEqual([]);
    expect((await personOf('member_id:MBRC3')).consents).toEqual(['email']);
    expect((await consentOf('member_id', 'MBRC1'))[0]).toEqual({
      purpose: 'ADS',
      granted: false,
      at: '2024-06-10T10:00:00Z',
      source: 'crm',
    });
    expect(await otherSees(app.rfm.feed.committed, pid)).toEqual([]);
  });

  it('an older row does not overwrite a newer statement, but states a purpose not stated since', async () => {
    await load(
      'crm',
      file('crm-old.csv', [
        CRM_HEADER,
        'MBRC1,,,Ann,F,,2020-01-01,offline,bronze,0,2024-03-01 09:00:00,1,y',
      ]),
    );
    expect(await consentOf('member_id', 'MBRC1')).toEqual([
      { purpose: 'ADS', granted: false, at: '2024-06-10T10:00:00Z', source: 'crm' },
      { purpose: 'EMAIL', granted: true, at: '2024-03-01T09:00:00Z', source: 'crm' },
    ]);
    expect((await personOf('member_id:MBRC1')).consents).toEqual(['email']);
    // the older row's profile is not applied either
    const [profile] = await readGraph<{ level: string }>(
      db,
      "MATCH (i:Identifier {key: 'member_id:MBRC1'}) RETURN i.level AS level",
    );
    expect(profile?.level).toBe('gold');
  });
});

describe('consent events', () => {
  it('a consent event in JSON lines states consent on every identifier it carries; bad ones are row errors', async () => {
    const event = (n: number, extra: string) =>
      `{"event_id": "EVC${n}", "union_id": "UC${n}", "device_id": "DC${n}", "event_type": "consent", "channel": "app", "event_time": "2024-07-01 08:00:00"${extra}}`;
    const path = file('consent.jsonl', [
      event(1, ', "consent_purpose": "ads", "consent_granted": true'),
      event(2, ', "consent_purpose": "sms", "consent_granted": true'),
      event(3, ', "consent_purpose": "email", "consent_granted": "perhaps"'),
      event(4, ', "consent_purpose": "email", "consent_granted": "no"'),
      event(5, ''),
    ]);
    const summary = await load('events', path);
    expect(summary.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'unknown consent purpose "sms" in consent_purpose (ads, email)'],
      [3, 'malformed consent "perhaps" in consent_granted (true/false, yes/no, 1/0, y/n)'],
      [5, 'empty consent_purpose'],
    ]);
    const p1 = await personOf('union_id:UC1');
    expect(p1.consents).toEqual(['ads']);
    expect((await personOf('device_id:DC1')).pid).toBe(p1.pid);
    const stated = await readGraph<{ key: string; ads: boolean; at: string }>(
      db,
      "MATCH (i:Identifier) WHERE i.key IN ['union_id:UC1', 'device_id:DC1'] RETURN i.key AS key, i.consentAds AS ads, i.consentAdsAt AS at ORDER BY key",
    );
    expect(stated).toEqual([
      { key: 'device_id:DC1', ads: true, at: '2024-07-01T08:00:00' },
      { key: 'union_id:UC1', ads: true, at: '2024-07-01T08:00:00' },
    ]);
    expect(await consentOf('union_id', 'UC4')).toEqual([
      { purpose: 'ADS', granted: false, at: null, source: null },
      { purpose: 'EMAIL', granted: false, at: '2024-07-01T08:00:00Z', source: 'event' },
    ]);
    expect(await otherSees(app.rfm.feed.committed, p1.pid)).toEqual(['ads']);
  });
});

describe('setConsent', () => {
  it('records a statement, returns the person’s consent and commits it to the feed', async () => {
    const before = app.rfm.feed.committed;
    const data = await gql.ok<{ setConsent: { oneId: string; pid: number; consent: Consent[] } }>(
      SET_CONSENT,
      {
        id: { type: 'member_id', value: 'MBRC4' },
        purpose: 'ADS',
        granted: true,
        at: '2024-08-01T18:00:00+08:00',
      },
      'service',
    );
    expect(data.setConsent.consent).toEqual([
      { purpose: 'ADS', granted: true, at: '2024-08-01T10:00:00Z', source: 'api' },
      { purpose: 'EMAIL', granted: false, at: null, source: null },
    ]);
    const { pid, consents } = await personOf('member_id:MBRC4');
    expect(data.setConsent.pid).toBe(pid);
    expect(consents).toEqual(['ads']);
    const seq = app.rfm.feed.committed;
    expect(seq).toBe(before + 1);
    expect(await changeAt(seq)).toEqual([pid]);
    expect(await otherSees(seq, pid)).toEqual(['ads']);
  });

  it('an older statement changes nothing', async () => {
    const data = await gql.ok<{ setConsent: { consent: Consent[] } }>(
      SET_CONSENT,
      {
        id: { type: 'member_id', value: 'MBRC4' },
        purpose: 'ADS',
        granted: false,
        at: '2024-07-01T00:00:00Z',
      },
      'service',
    );
    expect(data.setConsent.consent[0]).toEqual({
      purpose: 'ADS',
      granted: true,
      at: '2024-08-01T10:00:00Z',
      source: 'api',
    });
  });

  it('a new identifier gets a person, stated at now by default', async () => {
    const started = new Date().toISOString().slice(0, 19);
    const data = await gql.ok<{ setConsent: { oneId: string; consent: Consent[] } }>(
      SET_CONSENT,
      { id: { type: 'email', value: ' New.Person@Example.com ' }, purpose: 'EMAIL', granted: true },
      'service',
    );
    const email = data.setConsent.consent[1];
    expect(email?.granted).toBe(true);
    expect((email?.at ?? '') >= `${started}Z`).toBe(true);
    expect(data.setConsent.oneId).toMatch(/^OID/);
  });

  it('refuses a bad identifier, a future time and a timestamp without offset with BAD_USER_INPUT naming the field', async () => {
    const future = new Date(Date.now() + 5 * 60_000).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [{ id: { type: 'nope', value: 'x' }, purpose: 'ADS', granted: true }, 'identifier.type'],
      [
        { id: { type: 'mobile_hash', value: 'xyz' }, purpose: 'ADS', granted: true },
        'identifier.value',
      ],
      [
        { id: { type: 'member_id', value: 'MBRC4' }, purpose: 'ADS', granted: false, at: future },
        'at',
      ],
      [
        {
          id: { type: 'member_id', value: 'MBRC4' },
          purpose: 'ADS',
          granted: false,
          at: '2024-01-01T00:00:00',
        },
        'at',
      ],
    ];
    for (const [variables, field] of cases) {
      const result = await gql.run(SET_CONSENT, variables, 'service');
      expect(result.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const unknownPurpose = await gql.run(
      SET_CONSENT,
      { id: { type: 'member_id', value: 'MBRC4' }, purpose: 'SMS', granted: true },
      'service',
    );
    expect(unknownPurpose.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // nothing of the refused calls was written
    expect((await consentOf('member_id', 'MBRC4'))[0]?.granted).toBe(true);
    expect(gql.logged).toEqual([]);
  });

  it('needs the service role', async () => {
    const result = await gql.run(
      SET_CONSENT,
      { id: { type: 'member_id', value: 'MBRC4' }, purpose: 'ADS', granted: false },
      'reader',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await consentOf('member_id', 'MBRC4'))[0]?.granted).toBe(true);
  });
});

describe('a merge of two persons', () => {
  const link = (a: string, b: string) =>
    gql.ok(
      `mutation($a: IdentifierInput!, $b: IdentifierInput!) { linkIdentifiers(a: $a, b: $b) { personsRetired } }`,
      { a: { type: 'member_id', value: a }, b: { type: 'union_id', value: b } },
      'steward',
    );
  const state = (value: string, purpose: 'ADS' | 'EMAIL', granted: boolean, at: string) =>
    gql.ok(SET_CONSENT, { id: { type: 'union_id', value }, purpose, granted, at }, 'service');

  it('the latest statement among the merged identifiers wins, per purpose', async () => {
    // MBRC3: ads withdrawn and email granted on 2024-01-10 (the CRM file above)
    await state('UM1', 'ADS', true, '2024-09-01T00:00:00Z');
    await state('UM1', 'EMAIL', false, '2023-12-31T00:00:00Z');
    const before = await personOf('member_id:MBRC3');
    expect(before.consents).toEqual(['email']);
    expect((await personOf('union_id:UM1')).consents).toEqual(['ads']);
    await link('MBRC3', 'UM1');
    const merged = await personOf('member_id:MBRC3');
    expect((await personOf('union_id:UM1')).pid).toBe(merged.pid);
    expect(merged.consents).toEqual(['ads', 'email']);
    expect(await consentOf('union_id', 'UM1')).toEqual([
      { purpose: 'ADS', granted: true, at: '2024-09-01T00:00:00Z', source: 'api' },
      { purpose: 'EMAIL', granted: true, at: '2024-01-10T10:00:00Z', source: 'crm' },
    ]);
    expect(await otherSees(app.rfm.feed.committed, merged.pid)).toEqual(['ads', 'email']);
  });

  it('a withdrawal at the same time as a grant wins', async () => {
    await state('UM2', 'ADS', true, '2024-10-01T00:00:00Z');
    await gql.ok(
      SET_CONSENT,
      {
        id: { type: 'member_id', value: 'MBRC1' },
        purpose: 'ADS',
        granted: false,
        at: '2024-10-01T00:00:00Z',
      },
      'service',
    );
    await link('MBRC1', 'UM2');
    expect((await personOf('union_id:UM2')).consents).toEqual(['email']);
    expect((await consentOf('union_id', 'UM2'))[0]).toMatchObject({ granted: false });
  });
});
