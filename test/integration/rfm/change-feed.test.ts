import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { AppEvent } from '../../../src/events/app-event.js';
import { normalizeEventIds } from '../../../src/events/event-identifiers.js';
import { writeEvents } from '../../../src/events/event-writer.js';
import { link } from '../../../src/identity/identity-commands.js';
import { BitmapStore } from '../../../src/segments/bitmap-store.js';
import { loadSeedsIfEmpty } from '../../../src/ingest/seeds.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase, otherProcessGateway } from '../../support/db.js';

const asOf = '2026-06-06';
const config = loadConfig({ ONEID_AS_OF: asOf, ONEID_FEED_POLL_MS: '50' });

/** Two processes on one graph: `writer` writes, `follower` serves from its caches. */
let dbWriter: Gateway;
let dbFollower: Gateway;
let writer: App;
let follower: App;
let purchases = 0;

/**
 * A purchase by a new app user (known by a union id, or an open id): a new person with RFM,
 * High Value at 500.00.
 */
async function purchase(app: App, cents = 50_000, by: 'union' | 'open' = 'union'): Promise<number> {
  const n = ++purchases;
  const event: AppEvent = {
    eventId: `FEED-${n}`,
    eventType: 'purchase',
    channel: 'app',
    platform: 'ios',
    pageName: null,
    sessionId: `S-FEED-${n}`,
    itemId: 'ITEM-1',
    priceCents: cents,
    time: '2026-06-01T10:00:00',
    unionId: by === 'union' ? `U-FEED-${n}` : null,
    openId: by === 'open' ? `O-FEED-${n}` : null,
    deviceId: null,
  } as AppEvent;
  await writeEvents(app.identity, [normalizeEventIds(app.identity, event)], {});
  return app.rfm.feed.committed;
}

const counts = async (app: App) =>
  Object.fromEntries((await app.audiences.list(asOf)).map((t) => [t.tag, t.count]));
const pidOf = async (key: string) =>
  (await dbWriter.readQuery<{ pid: number }>('identity/resolve-keys', { keys: [key] }))[0]
    ?.pid as number;
const pidOfUnion = (n: number) => pidOf(`union_id:U-FEED-${n}`);

beforeAll(async () => {
  dbWriter = await freshDatabase();
  dbFollower = otherProcessGateway();
  writer = createApp(config, dbWriter);
  await loadSeedsIfEmpty(writer, writer.config.seedDir);
  await writer.segments.init();
  follower = createApp(config, dbFollower);
  await follower.segments.init(true);
});
afterAll(async () => {
  follower?.rfm.feed.stop();
  writer?.rfm.feed.stop();
  await dbFollower?.close();
  await dbWriter?.close();
});

describe('the change feed: every process follows the graph person by person', () => {
  it("a write in one process reaches another's RFM view and bitmaps, without a rebuild", async () => {
    const view = await follower.rfm.view(asOf);
    const loaded = follower.segments.lastLoad;
    const before = await counts(follower);
    const seq = await purchase(writer);
    expect(seq).toBeGreaterThan(0);
    await follower.rfm.feed.waitFor(seq);
    expect(follower.rfm.feed.sequence).toBeGreaterThanOrEqual(seq);
    const after = await counts(follower);
    expect(after['High Value']).toBe((before['High Value'] ?? 0) + 1);
    expect(after).toEqual(await counts(writer));
    // the same view object, updated person by person; the bitmaps were not rebuilt
    expect(await follower.rfm.view(asOf)).toBe(view);
    expect(follower.segments.lastLoad).toBe(loaded);
    const pid = await pidOfUnion(purchases);
    expect((await follower.rfm.personRfm(pid, asOf))?.rfm.monetaryCents).toBe(50_000);
  });

  it('answers a request for a sequence it has not reached with SEQUENCE_NOT_REACHED', async () => {
    const ahead = follower.rfm.feed.sequence + 1000;
    await expect(follower.rfm.feed.waitFor(ahead, 100)).rejects.toMatchObject({
      code: 'SEQUENCE_NOT_REACHED',
      details: { requested: ahead },
    });
  });

  it('costs one small read per poll while nothing changes', async () => {
    await follower.rfm.feed.catchUp();
    const sequence = follower.rfm.feed.sequence;
    const polls = follower.rfm.feed.polls;
    await new Promise((r) => setTimeout(r, 500));
    expect(follower.rfm.feed.sequence).toBe(sequence);
    // one read of the sequence each 50 ms, and nothing else to apply
    expect(follower.rfm.feed.polls - polls).toBeGreaterThanOrEqual(3);
    expect(follower.rfm.feed.polls - polls).toBeLessThanOrEqual(12);
  });

  it('a process behind the pruned feed rebuilds and then agrees', async () => {
    follower.rfm.feed.stop();
    const from = follower.rfm.feed.sequence;
    await purchase(writer);
    await purchase(writer, 100);
    await dbWriter.writeQuery('rfm/prune-changes', {
      before: new Date(Date.now() + 60_000).toISOString(),
      limit: 100_000,
    });
    await follower.rfm.feed.follow(from);
    expect(follower.rfm.feed.sequence).toBe(writer.rfm.feed.committed);
    expect(await counts(follower)).toEqual(await counts(writer));
    expect((await follower.rfm.view(asOf)).entries.size).toBe(
      (await writer.rfm.view(asOf)).entries.size,
    );
  });

  it('a process behind never stores its bitmaps over a newer copy', async () => {
    await writer.segments.rebuild(); // stored at the writer's sequence
    const stored = writer.rfm.feed.sequence;
    const basis = { asOf, generation: stored, settings: writer.segments.registry.fingerprint() };
    // a replica still at an older sequence, with other members, stores everything
    const behind = new BitmapStore(dbFollower);
    await behind.replace(new Map([['High Value', [1]]]), { ...basis, generation: stored - 1 });
    const reread = new BitmapStore(dbWriter);
    expect(await reread.load(basis)).toBeUndefined();
    expect(reread.generation).toBe(stored);
    const highValue = (infos: { tag: string; count: number }[]) =>
      infos.find((t) => t.tag === 'High Value')?.count;
    expect(highValue(reread.list())).toBe(highValue(await writer.audiences.list(asOf)));
    expect(highValue(reread.list())).toBeGreaterThan(1);
  });

  it('a merge through one process leaves the retired person out of the other at once', async () => {
    const a = await purchase(writer);
    const b = await purchase(writer, 50_000, 'open');
    const [pa, pb] = [await pidOfUnion(purchases - 1), await pidOf(`open_id:O-FEED-${purchases}`)];
    await follower.rfm.feed.waitFor(b);
    expect((await counts(follower))['High Value']).toBe((await counts(writer))['High Value']);
    expect(a).toBeLessThan(b);
    await link(writer.identity, {
      a: { type: 'union_id', value: `U-FEED-${purchases - 1}` },
      b: { type: 'open_id', value: `O-FEED-${purchases}` },
    });
    const seq = writer.rfm.feed.committed;
    await follower.rfm.feed.waitFor(seq);
    const view = await follower.rfm.view(asOf);
    const alive = [pa, pb].filter((pid) => view.entries.has(pid));
    expect(alive).toHaveLength(1);
    expect(view.entries.get(alive[0] as number)?.rfm.monetaryCents).toBe(100_000);
    expect(await counts(follower)).toEqual(await counts(writer));
  });
});
