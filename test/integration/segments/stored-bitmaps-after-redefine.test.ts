import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { loadSeedsIfEmpty } from '../../../src/ingest/seeds.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';

/**
 * The stored bitmaps say which definitions they were built from: after a segment is defined,
 * redefined or deleted, a process that starts loads them instead of rebuilding from the graph.
 */

const config = loadConfig({ ONEID_AS_OF: '2026-06-06', ONEID_FEED_POLL_MS: '50' });

let db: Gateway;
let app: App;
const started: App[] = [];

/** A new process on the same graph, started after `app` stored its bitmaps. */
async function restart(): Promise<App> {
  await app.segments.flush();
  const next = createApp(config, db);
  started.push(next);
  await next.segments.init();
  return next;
}

const count = (a: App, name: string) => a.audiences.count(JSON.stringify(name), '2026-06-06');

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(config, db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
  await app.segments.init();
});
afterAll(async () => {
  for (const a of started) a.rfm.feed.stop();
  app?.rfm.feed.stop();
  await db?.close();
});

describe('stored bitmaps after a change of definitions', () => {
  it('are loaded, not rebuilt, after a definition, a redefinition and a deletion', async () => {
    await app.savedSegments.define({
      name: 'Big spenders',
      kind: 'rule',
      definition: 'monetary >= 300',
    });
    let next = await restart();
    expect(next.segments.lastLoad).toEqual({ rebuilt: false, reason: 'loaded stored bitmaps' });
    expect(await count(next, 'Big spenders')).toBe(await count(app, 'Big spenders'));

    await app.savedSegments.update('Big spenders', { definition: 'monetary >= 500' });
    next = await restart();
    expect(next.segments.lastLoad).toEqual({ rebuilt: false, reason: 'loaded stored bitmaps' });
    expect(await count(next, 'Big spenders')).toBe(await count(app, 'Big spenders'));

    // the same members: no bitmap changes, the definitions do
    await app.savedSegments.update('Big spenders', { definition: 'monetary >= 500 OR FALSE' });
    next = await restart();
    expect(next.segments.lastLoad).toEqual({ rebuilt: false, reason: 'loaded stored bitmaps' });
    expect(await count(next, 'Big spenders')).toBe(await count(app, 'Big spenders'));

    await app.savedSegments.delete('Big spenders');
    next = await restart();
    expect(next.segments.lastLoad).toEqual({ rebuilt: false, reason: 'loaded stored bitmaps' });
    expect(await next.savedSegments.get('Big spenders')).toBeNull();
  });
});
