import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { AppEvent } from '../../src/events/app-event.js';
import { normalizeEventIds } from '../../src/events/event-identifiers.js';
import { writeEvents } from '../../src/events/event-writer.js';
import type { HttpService } from '../../src/http/server.js';
import { createServer } from '../../src/http/server.js';
import { serviceRoutes } from '../../src/http/routes.js';
import { link } from '../../src/identity/identity-commands.js';
import { createLogger } from '../../src/log/logger.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { readVersions, writeVersion } from '../../src/segments/package-version.js';
import type { InProcessGraphql } from '../support/graphql-exec.js';
import { twoProcesses, type TwoProcesses } from '../support/two-processes.js';

/**
 * Live audience packages against the real Neo4j: each change of the bitmaps that changes a
 * package's members or consented members is a new version, written once however many
 * processes evaluate it; deltas between versions over GraphQL and the HTTP stream.
 */

const asOf = '2026-06-06';
const config = loadConfig({ ONEID_AS_OF: asOf, ONEID_FEED_POLL_MS: '50' });
const READER = 'reader-key-delta-0001';
const HIGH = '"High Value"';

let db: Gateway;
let app: App;
/** A second process on its own driver; it applies the feed only when asked. */
let other: App;
let gql: InProcessGraphql;
let http: HttpService;
let url: string;
let purchases = 0;

/** A purchase by a new app user known by a union id (or an open id); returns its key. */
async function purchase(cents: number, by: 'union' | 'open' = 'union'): Promise<string> {
  const n = ++purchases;
  const event = {
    eventId: `DELTA-${n}`,
    eventType: 'purchase',
    channel: 'app',
    platform: 'ios',
    pageName: null,
    sessionId: `S-DELTA-${n}`,
    itemId: 'ITEM-1',
    priceCents: cents,
    time: '2026-06-01T10:00:00',
    unionId: by === 'union' ? `U-DELTA-${n}` : null,
    openId: by === 'open' ? `O-DELTA-${n}` : null,
    deviceId: null,
  } as AppEvent;
  await writeEvents(app.identity, [normalizeEventIds(app.identity, event)], {});
  return by === 'union' ? `union_id:U-DELTA-${n}` : `open_id:O-DELTA-${n}`;
}

/** Another purchase by the person holding `key` (a union id key). */
async function purchaseBy(key: string, cents: number): Promise<void> {
  const n = ++purchases;
  const event = {
    eventId: `DELTA-${n}`,
    eventType: 'purchase',
    channel: 'app',
    platform: 'ios',
    pageName: null,
    sessionId: `S-DELTA-${n}`,
    itemId: 'ITEM-1',
    priceCents: cents,
    time: '2026-06-02T10:00:00',
    unionId: key.slice('union_id:'.length),
    openId: null,
    deviceId: null,
  } as AppEvent;
  await writeEvents(app.identity, [normalizeEventIds(app.identity, event)], {});
}

const person = async (key: string) =>
  (await db.readQuery<{ pid: number }>('identity/resolve-keys', { keys: [key] }))[0] as {
    pid: number;
  };
const oneIdOf = async (pid: number) => {
  const session = db.driver.session({ database: 'neo4j' });
  try {
    const r = await session.run('MATCH (p:Person {pid: $pid}) RETURN p.oneId AS oneId', { pid });
    return r.records[0]?.get('oneId') as string;
  } finally {
    await session.close();
  }
};

let consentClock = Date.parse('2026-06-03T00:00:00Z');

/**
 * States an ads consent on the identifier `key` as a consent source would (the identifier's
 * properties), then refreshes its person in a transaction of this process, which records the
 * change in the feed, and lets this process's caches follow.
 */
async function consentAds(key: string, given: boolean): Promise<void> {
  const at = new Date((consentClock += 60_000)).toISOString();
  const session = db.driver.session({ database: 'neo4j' });
  try {
    await session.run(
      'MATCH (i:Identifier {key: $key}) SET i.consentAds = $given, i.consentAdsAt = $at',
      { key, given, at },
    );
  } finally {
    await session.close();
  }
  const { pid } = await person(key);
  const refreshed = await db.writeTransaction(
    (tx) => app.rfm.store.refreshInTx(tx, [pid], []),
    'test consent',
  );
  await app.rfm.feed.committedChange({
    fresh: refreshed.fresh,
    changed: [pid],
    retired: [],
    generation: refreshed.generation,
    full: false,
  });
}

interface Delta {
  fromVersion: number;
  toVersion: number;
  entered: number;
  left: number;
  leftOutWithoutConsent: number;
}

const delta = async (id: string, since: number) =>
  (
    await gql.ok<{ audienceDelta: Delta }>(
      'query($id: ID!, $since: Int!) { audienceDelta(id: $id, sinceVersion: $since, purpose: ADS) { fromVersion toVersion entered left leftOutWithoutConsent } }',
      { id, since },
    )
  ).audienceDelta;

const versionOf = async (id: string) =>
  (
    await gql.ok<{ audiencePackage: { version: number } }>(
      `{ audiencePackage(id: "${id}") { version } }`,
    )
  ).audiencePackage.version;

const get = (path: string) => fetch(`${url}${path}`, { headers: { 'x-api-key': READER } });

/** The delta rows over HTTP as `change:oneId`, sorted, from CSV and from JSON lines (equal). */
async function streamed(id: string, since: number): Promise<string[]> {
  const csv = await get(`/audiences/${id}/delta?since=${since}&purpose=ads&format=csv`);
  expect(csv.status).toBe(200);
  const [header, ...lines] = (await csv.text()).trim().split('\n');
  expect(header).toBe('one_id,segment,mobile_hash,email_hash,change');
  const fromCsv = lines
    .filter((l) => l !== '')
    .map((l) => {
      const cells = l.split(',');
      return `${cells[4]}:${cells[0]}`;
    })
    .sort();
  const jsonl = await get(`/audiences/${id}/delta?since=${since}&purpose=ads&format=jsonl`);
  expect(jsonl.status).toBe(200);
  const fromJson = (await jsonl.text())
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { one_id: string; change: string })
    .map((r) => `${r.change}:${r.one_id}`)
    .sort();
  expect(fromJson).toEqual(fromCsv);
  return fromCsv;
}

const createLive = (id: string, expression: string) =>
  gql.ok<{ createAudiencePackage: { version: number; live: boolean; count: number } }>(
    'mutation($id: String!, $e: String!) { createAudiencePackage(id: $id, name: $id, expression: $e, live: true) { version live count } }',
    { id, e: expression },
    'service',
  );

let processes: TwoProcesses | undefined;

beforeAll(async () => {
  processes = await twoProcesses(config, { follow: false });
  ({ db, app, other, gql } = processes);
  http = await createServer({
    app,
    keys: { byKey: new Map([[READER, 'reader']]), generated: undefined, file: undefined },
    routes: serviceRoutes(app),
    log: createLogger({ level: 'silent' }),
  });
  url = await http.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await http?.close();
  await processes?.close();
});

describe('a live package and its deltas', () => {
  /** Keys of the persons of the story, set up before the package is created. */
  const keys = { buyer: '', m1: '', m2: '', withdrawer: '' };

  it('starts at version 1 with the consenting members only in the delta from 0', async () => {
    keys.buyer = await purchase(10_000); // 100.00: not High Value
    keys.m1 = await purchase(40_000); // 400.00: High Value
    keys.m2 = await purchase(40_000, 'open'); // High Value
    keys.withdrawer = await purchase(50_000); // High Value
    for (const key of Object.values(keys)) await consentAds(key, true);
    await app.live.settled();
    const created = await createLive('LIVE', HIGH);
    // the seed's 3 High Value persons and three of ours
    expect(created.createAudiencePackage).toEqual({ version: 1, live: true, count: 6 });
    expect(await delta('LIVE', 0)).toEqual({
      fromVersion: 0,
      toVersion: 1,
      entered: 3,
      left: 0,
      leftOutWithoutConsent: 3,
    });
    const ours = [keys.m1, keys.m2, keys.withdrawer];
    const oneIds = await Promise.all(ours.map(async (k) => oneIdOf((await person(k)).pid)));
    expect(await streamed('LIVE', 0)).toEqual(oneIds.map((o) => `enter:${o}`).sort());
    // nothing changed: evaluating again stores no version
    expect(await app.live.evaluateAll(['LIVE'])).toEqual(new Map([['LIVE', 'unchanged']]));
    expect(await delta('LIVE', 1)).toMatchObject({
      fromVersion: 1,
      toVersion: 1,
      entered: 0,
      left: 0,
    });
  });

  it('a purchase that makes a consenting person High Value is an enter', async () => {
    await purchaseBy(keys.buyer, 30_000); // 100.00 + 300.00
    await app.live.settled(); // the feed listener evaluated the package (coalesced)
    expect(await versionOf('LIVE')).toBe(2);
    expect(await delta('LIVE', 1)).toEqual({
      fromVersion: 1,
      toVersion: 2,
      entered: 1,
      left: 0,
      leftOutWithoutConsent: 3,
    });
    const buyer = await oneIdOf((await person(keys.buyer)).pid);
    expect(await streamed('LIVE', 1)).toEqual([`enter:${buyer}`]);
  });

  it('a merge of two members: the retired person leaves, the survivor stays', async () => {
    const [p1, p2] = [(await person(keys.m1)).pid, (await person(keys.m2)).pid];
    const [o1, o2] = [await oneIdOf(p1), await oneIdOf(p2)];
    await link(app.identity, {
      a: { type: 'union_id', value: keys.m1.slice('union_id:'.length) },
      b: { type: 'open_id', value: keys.m2.slice('open_id:'.length) },
    });
    await app.live.settled();
    const survivor = (await person(keys.m1)).pid;
    expect([p1, p2]).toContain(survivor);
    const retired = survivor === p1 ? o2 : o1;
    expect(await versionOf('LIVE')).toBe(3);
    expect(await delta('LIVE', 2)).toMatchObject({
      fromVersion: 2,
      toVersion: 3,
      entered: 0,
      left: 1,
    });
    expect(await streamed('LIVE', 2)).toEqual([`leave:${retired}`]);
  });

  it('a consent withdrawal is a leave, and the export for ads leaves that person out', async () => {
    const withdrawer = await oneIdOf((await person(keys.withdrawer)).pid);
    await consentAds(keys.withdrawer, false);
    await app.live.settled();
    expect(await versionOf('LIVE')).toBe(4);
    expect(await delta('LIVE', 3)).toEqual({
      fromVersion: 3,
      toVersion: 4,
      entered: 0,
      left: 1,
      leftOutWithoutConsent: 4,
    });
    expect(await streamed('LIVE', 3)).toEqual([`leave:${withdrawer}`]);
    // the three changes together, from version 1
    expect(await delta('LIVE', 1)).toMatchObject({ entered: 1, left: 2 });
    expect((await streamed('LIVE', 1)).map((r) => r.split(':')[0])).toEqual([
      'enter',
      'leave',
      'leave',
    ]);

    // the export for ads: the consenting members only, and how many were left out
    const exported = await get('/audiences/LIVE/export?purpose=ads&format=csv');
    expect(exported.headers.get('x-oneid-left-out')).toBe('4');
    const rows = (await exported.text()).trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',')[0]).sort()).toEqual(
      [
        await oneIdOf((await person(keys.buyer)).pid),
        await oneIdOf((await person(keys.m1)).pid),
      ].sort(),
    );
    // without a purpose (internal use): every member, no header
    const all = await get('/audience-packages/LIVE.csv');
    expect(all.headers.get('x-oneid-left-out')).toBeNull();
    expect((await all.text()).trim().split('\n')).toHaveLength(1 + 6);
    const data = await gql.ok<{
      audiencePackage: {
        count: number;
        leftOutWithoutConsent: number;
        persons: { totalCount: number };
      };
    }>(
      '{ audiencePackage(id: "LIVE") { count leftOutWithoutConsent(purpose: ADS) persons(purpose: ADS) { totalCount } } }',
    );
    expect(data.audiencePackage).toEqual({
      count: 6,
      leftOutWithoutConsent: 4,
      persons: { totalCount: 2 },
    });
  });
});

interface Row {
  version: number;
  count: number;
  sequence: number;
  ads: number;
}

describe('coalescing', () => {
  it('a burst of feed changes is evaluated about once a second, not once per change', async () => {
    const key = await purchase(1_000);
    await app.live.settled();
    const rounds = app.live.rounds;
    const started = Date.now();
    for (let i = 0; i < 8; i++) await consentAds(key, i % 2 === 0);
    await app.live.settled();
    const seconds = (Date.now() - started) / 1000;
    const ran = app.live.rounds - rounds;
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(ran).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });
});

describe('replicas evaluating the same live package', () => {
  it('write each version once, and never one of an older feed sequence', async () => {
    await createLive('TWO', `${HIGH} OR Lost`);
    for (let round = 0; round < 3; round++) {
      const key = await purchase(35_000 + round);
      await consentAds(key, true);
      // the other process has not read the feed yet: it is behind and writes nothing
      const behind = await other.live.evaluateAll(['TWO']);
      expect(['behind', 'unchanged']).toContain(behind.get('TWO'));
      await other.rfm.feed.catchUp();
      // both evaluate at once, several times
      const outcomes = await Promise.all(
        [app, other, app, other].map((a) => a.live.evaluateAll(['TWO'])),
      );
      const written = outcomes.filter((o) => o.get('TWO') === 'written');
      expect(written.length).toBeLessThanOrEqual(1);
    }
    await app.live.settled();
    const session = db.driver.session({ database: 'neo4j' });
    try {
      const r = await session.run(
        'MATCH (v:PackageVersion {packageId: "TWO"}) RETURN v.version AS version, v.sequence AS sequence, v.count AS count, v.adsCount AS ads ORDER BY v.version',
      );
      const versions: Row[] = r.records.map((x) => ({
        version: Number(x.get('version')),
        count: Number(x.get('count')),
        sequence: Number(x.get('sequence')),
        ads: Number(x.get('ads')),
      }));
      // versions 1..n, each once, each of a later sequence and other members or consented
      // members than the one before (a purchase and its consent may be one version or two)
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      expect(versions.length).toBeGreaterThanOrEqual(4);
      expect(versions.length).toBeLessThanOrEqual(7);
      // the consenting buyer and survivor of the first describe, and the three new persons
      expect(versions[0]?.ads).toBe(2);
      expect(versions.at(-1)?.ads).toBe(5);
      for (let i = 1; i < versions.length; i++) {
        const [a, b] = [versions[i - 1], versions[i]] as [Row, Row];
        expect(b.sequence).toBeGreaterThan(a.sequence);
        expect([b.count, b.ads]).not.toEqual([a.count, a.ads]);
      }
    } finally {
      await session.close();
    }
  });

  it('a write against a version another process replaced, or with an older sequence, is refused', async () => {
    const read = await readVersions(db, 'TWO', 0);
    const latest = read?.latest;
    if (!latest) throw new Error('no latest version');
    const v = latest.version;
    expect(v).toBe(await versionOf('TWO'));
    // stale expected version
    expect(await writeVersion(db, 'TWO', v - 1, latest)).toBeUndefined();
    // older sequence
    expect(
      await writeVersion(db, 'TWO', v, { ...latest, sequence: latest.sequence - 1 }),
    ).toBeUndefined();
    expect(await versionOf('TWO')).toBe(v);
    // the current one and a sequence not older: written
    expect(await writeVersion(db, 'TWO', v, latest)).toBe(v + 1);
  });
});

describe('retention and errors', () => {
  it('replacing a package stores its next version, and a delta spans the replacement', async () => {
    await createLive('SWAP', HIGH);
    const high = await delta('SWAP', 0);
    const data = await gql.ok<{ createAudiencePackage: { version: number; live: boolean } }>(
      'mutation { createAudiencePackage(id: "SWAP", name: "s", expression: "Lost", replace: true) { version live } }',
      {},
      'service',
    );
    // static now: the live evaluation leaves it alone
    expect(data.createAudiencePackage).toEqual({ version: 2, live: false });
    expect(await app.live.evaluateAll(['SWAP'])).toEqual(new Map());
    // nobody in Lost consents: every consenting High Value member leaves
    expect(await delta('SWAP', 1)).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      entered: 0,
      left: high.entered,
    });
  });

  it('prunes versions past retention but keeps each package’s latest', async () => {
    const before = await versionOf('LIVE');
    expect(await delta('LIVE', 1)).toMatchObject({ fromVersion: 1 });
    // nothing is old enough yet
    expect(await app.live.prune()).toBe(0);
    // a week and a day later
    const pruned = await app.live.prune(new Date(Date.now() + 8 * 24 * 3_600_000));
    expect(pruned).toBeGreaterThanOrEqual(before - 1);
    expect(await versionOf('LIVE')).toBe(before);
    expect(await delta('LIVE', before)).toMatchObject({
      fromVersion: before,
      toVersion: before,
      entered: 0,
      left: 0,
    });
    const result = await gql.run(
      'query { audienceDelta(id: "LIVE", sinceVersion: 1, purpose: ADS) { toVersion } }',
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sinceVersion',
    });
    expect(result.errors?.[0]?.message).toContain(`the oldest kept version is ${before}`);
    // a static package's only version is its latest: kept
    await gql.ok(
      'mutation { createAudiencePackage(id: "STATIC", name: "s", expression: "Lost") { version } }',
      {},
      'service',
    );
    await app.live.prune(new Date(Date.now() + 8 * 24 * 3_600_000));
    expect(await delta('STATIC', 1)).toMatchObject({ fromVersion: 1, toVersion: 1 });
  });

  it('an unknown package is NOT_FOUND, a version never stored BAD_USER_INPUT', async () => {
    const unknown = await gql.run(
      'query { audienceDelta(id: "NOPE", sinceVersion: 0, purpose: ADS) { toVersion } }',
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const future = await gql.run(
      'query { audienceDelta(id: "LIVE", sinceVersion: 999, purpose: EMAIL) { toVersion } }',
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sinceVersion',
    });
    const negative = await gql.run(
      'query { audienceDelta(id: "LIVE", sinceVersion: -1, purpose: ADS) { toVersion } }',
    );
    expect(negative.errors?.[0]?.extensions).toMatchObject({ field: 'sinceVersion' });

    expect((await get('/audiences/NOPE/delta?since=0&purpose=ads')).status).toBe(404);
    const bad = await get('/audiences/LIVE/delta?since=999&purpose=ads');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'sinceVersion' });
    expect((await get('/audiences/LIVE/delta?since=0')).status).toBe(400);
    expect((await get('/audiences/LIVE/delta?since=0&purpose=sms')).status).toBe(400);
    expect((await get('/audiences/LIVE/delta?since=x&purpose=ads')).status).toBe(400);
    expect((await get('/audiences/LIVE/export?format=xml')).status).toBe(400);
  });

  it('refreshEveryMinutes is for live packages only', async () => {
    const result = await gql.run(
      'mutation { createAudiencePackage(id: "BADREF", name: "b", expression: "Lost", refreshEveryMinutes: 5) { id } }',
      {},
      'service',
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'refreshEveryMinutes',
    });
  });
});
