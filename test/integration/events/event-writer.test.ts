import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeEventsV1 } from '../../../bench/support/event-writer-v1.js';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { parseAppEvent, type AppEvent } from '../../../src/events/app-event.js';
import { normalizeEventIds } from '../../../src/events/event-identifiers.js';
import { writeEvents } from '../../../src/events/event-writer.js';
import { sourceStats } from '../../../src/ingest/source-stats.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { projectRoot } from '../../../src/paths.js';
import { freshDatabase } from '../../support/db.js';
import { readGraph } from '../../support/graph-facts.js';

const asOf = '2026-06-06';
const seedEvents = (app: App): AppEvent[] =>
  readFileSync(join(projectRoot, 'seeds', 'app_events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) =>
      normalizeEventIds(app.identity, parseAppEvent(JSON.parse(l) as Record<string, unknown>)),
    );

const event = (over: Partial<AppEvent>): AppEvent => ({
  eventId: 'E1',
  eventType: 'page_view',
  channel: 'app',
  platform: 'ios',
  pageName: 'home',
  sessionId: 'S1',
  itemId: null,
  priceCents: null,
  time: '2024-11-02T10:00:00',
  unionId: 'U1',
  openId: null,
  deviceId: 'D1',
  ...over,
});

/** Every node and relationship with all its properties, sorted: the whole graph as text. */
async function dump(db: Gateway): Promise<string[]> {
  const text = (value: Record<string, unknown>) =>
    JSON.stringify(
      Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y))),
    );
  const nodes = await readGraph<{ labels: string[]; props: Record<string, unknown> }>(
    db,
    'MATCH (n) RETURN labels(n) AS labels, properties(n) AS props',
  );
  const rels = await readGraph<{
    a: string;
    type: string;
    b: string;
    props: Record<string, unknown>;
  }>(
    db,
    `MATCH (x)-[r]->(y)
     RETURN elementId(x) AS a, type(r) AS type, elementId(y) AS b, properties(r) AS props`,
  );
  return [
    ...nodes.map((n) => `${[...n.labels].sort().join(':')} ${text(n.props)}`),
    ...rels.map((r) => `${r.a} -${r.type}-> ${r.b} ${text(r.props)}`),
  ].sort();
}

/** What GraphQL, RFM and segments read that events feed. */
async function answers(app: App) {
  return {
    sources: await sourceStats(app.db),
    channels: await app.rfm.channelDistribution(),
    segments: await app.rfm.segmentDistribution(asOf),
    persons: await readGraph(
      app.db,
      `MATCH (p:Person) OPTIONAL MATCH (p)<-[:BELONGS_TO]-(i:Identifier)
       WITH p, i ORDER BY i.key
       RETURN p.oneId AS oneId, p.status AS status, collect(i.key) AS keys,
              collect(i.lastSeen) AS lastSeen, collect(i.firstSeen) AS firstSeen,
              p.purchaseDays AS days, p.dayCents AS cents, p.channels AS channels
       ORDER BY oneId`,
    ),
  };
}

describe('the event writer', () => {
  let db: Gateway | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  const open = async () => {
    db = await freshDatabase();
    return createApp(loadConfig({ ONEID_AS_OF: asOf }), db);
  };
  const confidence = (app: App) => app.config.identity.eventLinkConfidence;

  it('keeps a page view as a bare record and its identifiers seen; a purchase in full on its identifier', async () => {
    const app = await open();
    await writeEvents(
      app.identity,
      [
        event({ eventId: 'PV1' }),
        event({ eventId: 'PV2', time: '2024-11-05T08:00:00' }),
        event({
          eventId: 'BUY1',
          eventType: 'purchase',
          itemId: 'SKU1',
          priceCents: 1999,
          time: '2024-11-03T09:00:00',
        }),
      ],
      confidence(app),
    );
    const events = await readGraph<{ id: string; labels: string[]; by: string[]; keys: string[] }>(
      app.db,
      `MATCH (e:Event) OPTIONAL MATCH (e)-[:BY]->(i)
       RETURN e.eventId AS id, labels(e) AS labels, collect(i.key) AS by, keys(e) AS keys
       ORDER BY id`,
    );
    expect(
      events.map((e) => ({ ...e, labels: [...e.labels].sort(), keys: [...e.keys].sort() })),
    ).toEqual([
      {
        id: 'BUY1',
        labels: ['Event', 'Purchase'],
        by: ['union_id:U1'],
        keys: [
          'cancelled',
          'cents',
          'channel',
          'day',
          'eventId',
          'itemId',
          'key',
          'lineCount',
          'orderId',
          'pageName',
          'platform',
          'sessionId',
          'time',
          'type',
        ],
      },
      { id: 'PV1', labels: ['Event'], by: [], keys: ['channel', 'eventId', 'time', 'type'] },
      { id: 'PV2', labels: ['Event'], by: [], keys: ['channel', 'eventId', 'time', 'type'] },
    ]);
    const ids = await readGraph<{ key: string; firstSeen: string; lastSeen: string; pid: number }>(
      app.db,
      `MATCH (i:Identifier)-[:BELONGS_TO]->(p:Person)
       RETURN i.key AS key, i.firstSeen AS firstSeen, i.lastSeen AS lastSeen, p.pid AS pid ORDER BY key`,
    );
    expect(ids.map(({ pid: _, ...rest }) => rest)).toEqual([
      { key: 'device_id:D1', firstSeen: '2024-11-02T10:00:00', lastSeen: '2024-11-05T08:00:00' },
      { key: 'union_id:U1', firstSeen: '2024-11-02T10:00:00', lastSeen: '2024-11-05T08:00:00' },
    ]);
    expect(new Set(ids.map((i) => i.pid)).size).toBe(1);
  });

  it('a re-delivered batch, whole or in part, changes nothing in the graph', async () => {
    const app = await open();
    const events = seedEvents(app);
    await writeEvents(app.identity, events, confidence(app));
    const once = await dump(app.db);
    const again = await writeEvents(app.identity, events, confidence(app));
    const part = await writeEvents(
      app.identity,
      events.filter((_, i) => i % 3 === 0),
      confidence(app),
    );
    expect(again.created).toBe(0);
    expect(part.created).toBe(0);
    expect(await dump(app.db)).toEqual(once);
  });

  it('gives the same answers (source counts, channels, segments, persons, last seen) as the writer before issue 15', async () => {
    const oldApp = await open();
    await writeEventsV1(oldApp.identity, seedEvents(oldApp), confidence(oldApp));
    const before = await answers(oldApp);
    await db?.close();
    const app = await open();
    await writeEvents(app.identity, seedEvents(app), confidence(app));
    const after = await answers(app);
    expect(before.sources.find((s) => s.source === 'app_events')?.rows).toBeGreaterThan(0);
    expect(before.channels.length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });
});
