import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadSeedsIfEmpty } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { sha256Hex } from '../../src/identity/normalize.js';

let db: Gateway;
let app: App;

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
});
afterAll(async () => {
  await db?.close();
});

describe('the steward queries for Neo4j Browser run on the seed graph', () => {
  it('person-cluster shows MBR001 with its identifiers', async () => {
    const rows = await db.readQuery<{ i: { key: string } }>('steward/person-cluster', {
      key: 'member_id:MBR001',
    });
    expect(new Set(rows.map((r) => r.i.key))).toEqual(
      new Set([
        'member_id:MBR001',
        `mobile_hash:${sha256Hex('hash_mobile_001')}`,
        `email_hash:${sha256Hex('hash_email_001')}`,
        'ext_one_id:ONE001',
        'union_id:union_001',
        'open_id:open_001',
        'device_id:DEV001',
      ]),
    );
  });

  it('largest-clusters, recent-changes, conflicts and supernodes answer', async () => {
    const largest = await db.readQuery<{ identifiers: number }>('steward/largest-clusters', {
      limit: 3,
    });
    expect(largest.map((r) => r.identifiers)).toEqual([7, 7, 7]); // a member with mobile, email, ext id, union, open id, device
    expect(await db.readQuery('steward/recent-changes', { since: '2000-01-01T00:00:00' })).toEqual(
      [],
    );
    expect(await db.readQuery('steward/conflicts')).toEqual([]);
    expect(await db.readQuery('steward/supernodes', { limit: 50 })).toEqual([]);
  });
});
