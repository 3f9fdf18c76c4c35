import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadQueries } from '../../src/neo4j/connect.js';
import { createGateway, type Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';

/**
 * What a Neo4j cluster or Aura needs from the gateway, checked on the one local server:
 * a `neo4j://` routing URI works, and every transaction of a process starts after the
 * bookmarks of the last one it committed (read your own writes on any cluster member).
 */
describe('gateway on a cluster', () => {
  let db: Gateway;
  let routed: Gateway;

  beforeAll(async () => {
    db = await freshDatabase();
    const { uri, user, password } = inject('neo4j');
    routed = createGateway({
      uri: uri.replace(/^bolt:/, 'neo4j:'),
      user,
      password,
      database: 'neo4j',
      queries: loadQueries(),
      app: 'test',
    });
  });
  afterAll(async () => {
    await routed?.close();
    await db?.close();
  });

  it('reads and writes through a neo4j:// routing URI', async () => {
    await routed.ping();
    const [a] = await routed.writeQuery<{ first: number }>('identity/allocate-pids', { n: 1 });
    const [b] = await routed.writeQuery<{ first: number }>('identity/allocate-pids', { n: 1 });
    expect(b?.first).toBe((a?.first ?? 0) + 1);
    expect(await routed.readQuery('health/ping')).toHaveLength(1);
  });

  it('chains every transaction of the process after its last commit', async () => {
    expect(await db.bookmarks()).toEqual([]);
    await db.writeQuery('identity/allocate-pids', { n: 1 });
    const first = await db.bookmarks();
    expect(first).toHaveLength(1);
    // a read starts after that bookmark and leaves it as the latest
    await db.readQuery('health/ping');
    expect(await db.bookmarks()).toEqual(first);
    await db.writeQuery('identity/allocate-pids', { n: 1 });
    const second = await db.bookmarks();
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
  });
});
