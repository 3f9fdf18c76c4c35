import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { AppEvent } from '../../src/events/app-event.js';
import { writeEvents } from '../../src/events/event-writer.js';
import { loadSeedsIfEmpty } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase, otherProcessGateway } from '../support/db.js';
import { inProcessGraphql, type InProcessGraphql } from '../support/graphql-exec.js';
import { runCli, startService, type RunningService } from '../support/service.js';

/**
 * Person-level fields (`rfm`, `segments`, `identifiers`) are consistent with the graph as of
 * the request: a running app answers them right after another process (a second App on its
 * own driver, a bare Cypher write, a CLI load beside a running service) changed the graph
 * behind its back, with no sleep and no token. The app's own in-memory RFM views know nothing
 * of those writes.
 */

const asOf = '2026-06-06';
const PERSON = `query($type: String!, $value: String!, $asOf: Date) {
  person(identifier: { type: $type, value: $value }) {
    oneId
    identifiers { type value }
    rfm(asOf: $asOf) { frequency monetary lastPurchaseDate segment scores { r f m } }
    segments(asOf: $asOf)
  }
}`;

interface PersonAnswer {
  person: {
    oneId: string;
    identifiers: { type: string; value: string }[];
    rfm: {
      frequency: number;
      monetary: string;
      lastPurchaseDate: string;
      segment: string;
      scores: { r: number; f: number; m: number };
    } | null;
    segments: string[];
  } | null;
}

let db: Gateway;
/** The app serving GraphQL: its RFM views are built before the other writes. */
let app: App;
let gql: InProcessGraphql;
/** Another process: its own app and driver on the same graph. */
let otherDb: Gateway;
let other: App;

const lookup = (type: string, value: string, date: string = asOf) =>
  gql.ok<PersonAnswer>(PERSON, { type, value, asOf: date }).then((d) => d.person);

const cents = (decimal: string) => Math.round(Number(decimal) * 100);

function purchase(
  eventId: string,
  unionId: string,
  day: string,
  price: number,
  channel: string,
): AppEvent {
  return {
    eventId,
    eventType: 'purchase',
    channel,
    platform: 'wechat',
    pageName: 'checkout',
    sessionId: null,
    itemId: 'SKU-CONSISTENCY',
    priceCents: Math.round(price * 100),
    time: `${day}T10:00:00`,
    unionId,
    openId: null,
    deviceId: null,
  };
}

beforeAll(async () => {
  db = await freshDatabase();
  const config = loadConfig({ ONEID_AS_OF: asOf });
  app = createApp(config, db);
  await loadSeedsIfEmpty(app, config.seedDir);
  await app.segments.init();
  // the serving app's views exist and are warm: what the old answers came from
  await app.rfm.view(asOf);
  gql = await inProcessGraphql(app);
  otherDb = otherProcessGateway();
  other = createApp(config, otherDb);
  await other.segments.init();
});
afterAll(async () => {
  await gql?.stop();
  await otherDb?.close();
  await db?.close();
});

describe('person-level fields follow writes by other processes at once', () => {
  it('a purchase written by another app shows in rfm and segments in the next request', async () => {
    const before = await lookup('union_id', 'union_001');
    expect(before?.rfm).not.toBeNull();
    expect(before?.segments).not.toContain('channel_pos');

    await writeEvents(
      other.identity,
      [purchase('EVT-C1', 'union_001', '2026-06-01', 1234.5, 'pos')],
      {},
    );

    const after = await lookup('union_id', 'union_001');
    expect(after?.rfm).toMatchObject({
      frequency: (before?.rfm?.frequency ?? 0) + 1,
      lastPurchaseDate: '2026-06-01',
      segment: 'Champions',
    });
    expect(cents(after?.rfm?.monetary ?? '0')).toBe(cents(before?.rfm?.monetary ?? '0') + 123450);
    expect(after?.segments).toEqual(
      expect.arrayContaining(['Champions', 'channel_pos', 'High Value']),
    );
    expect(after?.segments[0]).toBe(after?.rfm?.segment);
    for (const score of Object.values(after?.rfm?.scores ?? {}))
      expect(score).toBeGreaterThanOrEqual(1);

    // an earlier as-of date leaves the new purchase out, from the same summary
    const earlier = await lookup('union_id', 'union_001', '2026-05-31');
    expect(earlier?.rfm).toMatchObject({
      frequency: before?.rfm?.frequency,
      monetary: before?.rfm?.monetary,
      lastPurchaseDate: before?.rfm?.lastPurchaseDate,
    });
    expect(earlier?.segments).not.toContain('channel_pos');
  });

  it('a bare Cypher write and rfm/refresh-persons, as another process would, show at once', async () => {
    const before = await lookup('union_id', 'union_002');
    const [row] = await db.driver
      .executeQuery(
        `MATCH (i:Identifier {key: 'union_id:union_002'})-[:BELONGS_TO]->(p:Person)
       CREATE (:Event:Purchase {eventId: 'EVT-C2', key: 'event:EVT-C2', type: 'purchase', channel: 'douyin',
               day: '2026-06-05', cents: 4200, cancelled: false, lineCount: 1, orderId: 'EVT-C2'})-[:BY]->(i)
       RETURN p.pid AS pid`,
        {},
        { database: db.database },
      )
      .then((r) => r.records);
    const pid = Number(row?.get('pid'));
    await db.writeQuery('rfm/refresh-persons', {
      pids: [pid],
      retired: [],
      now: new Date().toISOString(),
    });

    const after = await lookup('union_id', 'union_002');
    expect(after?.rfm).toMatchObject({
      frequency: (before?.rfm?.frequency ?? 0) + 1,
      lastPurchaseDate: '2026-06-05',
    });
    expect(cents(after?.rfm?.monetary ?? '0')).toBe(cents(before?.rfm?.monetary ?? '0') + 4200);
    expect(after?.segments).toContain('channel_douyin');
  });

  it('a merge by another app: the retired side answers with the survivor, its identifiers and combined RFM', async () => {
    const member = await lookup('member_id', 'MBR004');
    const customer = await lookup('customer_id', 'CUS013085');
    expect(member?.oneId).not.toBe(customer?.oneId);
    const now = '2026-01-01T00:00:00';
    await other.identity.ingest(
      {
        identifiers: [],
        links: [
          {
            a: { type: 'member_id', value: 'MBR004' },
            b: { type: 'customer_id', value: 'CUS013085' },
            source: 'steward',
            confidence: 1,
            firstSeen: now,
            lastSeen: now,
          },
        ],
      },
      'consistency test merge',
    );

    const merged = await lookup('customer_id', 'CUS013085');
    expect(merged?.oneId).toBe(member?.oneId);
    expect(merged?.identifiers).toEqual(
      expect.arrayContaining([...(member?.identifiers ?? []), ...(customer?.identifiers ?? [])]),
    );
    expect(merged?.rfm).toMatchObject({
      frequency: (member?.rfm?.frequency ?? 0) + (customer?.rfm?.frequency ?? 0),
    });
    expect(cents(merged?.rfm?.monetary ?? '0')).toBe(
      cents(member?.rfm?.monetary ?? '0') + cents(customer?.rfm?.monetary ?? '0'),
    );
  });
});

describe('oneid load beside a running oneid serve', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(14011);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('the loaded purchases are in the next request, for an existing buyer and a new person', async () => {
    const query = (value: string) =>
      service
        .gql<PersonAnswer>(PERSON, { type: 'union_id', value, asOf })
        .then((r) => (expect(r.errors).toBeUndefined(), r.data?.person));
    // the service has answered (and so built its views) before the load
    const before = await query('union_003');
    const event = (id: string, unionId: string, price: number) => ({
      event_id: id,
      union_id: unionId,
      event_type: 'purchase',
      page_name: 'checkout',
      item_id: 'SKU-LOAD',
      item_price: price,
      channel: 'app',
      platform: 'ios',
      event_time: '2026-06-02 12:00:00',
      session_id: `s-${id}`,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'oneid-consistency-')), 'events.jsonl');
    writeFileSync(
      file,
      [event('EVT-L1', 'union_003', 350), event('EVT-L2', 'union_new_l2', 10)]
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
    );
    const load = await runCli(['load', 'events', file]);
    expect(load.code, load.stderr).toBe(0);

    const [existing, fresh] = await Promise.all([query('union_003'), query('union_new_l2')]);
    expect(existing?.rfm).toMatchObject({
      frequency: (before?.rfm?.frequency ?? 0) + 1,
      lastPurchaseDate: '2026-06-02',
    });
    expect(cents(existing?.rfm?.monetary ?? '0')).toBe(cents(before?.rfm?.monetary ?? '0') + 35000);
    expect(existing?.segments).toContain('channel_app');
    expect(fresh?.identifiers).toEqual([{ type: 'union_id', value: 'union_new_l2' }]);
    expect(fresh?.rfm).toMatchObject({
      frequency: 1,
      monetary: '10.00',
      lastPurchaseDate: '2026-06-02',
    });
    expect(fresh?.segments).toContain('channel_app');
  });
});
