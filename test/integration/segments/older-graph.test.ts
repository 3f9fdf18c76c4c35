import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { loadSeedsIfEmpty } from '../../../src/ingest/seeds.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';

/**
 * A graph written by a version that kept no segment facts on persons (no identifier types,
 * consents, static lists or member key): the first start keeps them, so rules on the profile
 * hold every person they name.
 */

const config = loadConfig({ ONEID_AS_OF: '2026-06-06' });
let db: Gateway;

beforeAll(async () => {
  db = await freshDatabase();
  await loadSeedsIfEmpty(createApp(config, db), config.seedDir);
  await db.driver.executeQuery(
    'MATCH (p:Person) REMOVE p.identifierTypes, p.consents, p.segmentLists, p.memberKey',
    {},
    { database: db.database },
  );
});
afterAll(async () => {
  await db?.close();
});

describe('a graph from an older version', () => {
  it('gets the segment facts on its persons at the first start', async () => {
    const app = createApp(config, db);
    await app.segments.init();
    const { records } = await db.driver.executeQuery(
      "MATCH (p:Person {status: 'active'}) RETURN sum(CASE WHEN p.identifierTypes IS NULL THEN 1 ELSE 0 END) AS missing, sum(CASE WHEN p.memberKey IS NOT NULL THEN 1 ELSE 0 END) AS members",
      {},
      { database: db.database },
    );
    const count = (key: string) => (records[0]?.get(key) as { toNumber(): number }).toNumber();
    expect({ missing: count('missing'), members: count('members') }).toEqual({
      missing: 0,
      members: 10,
    });
    const gold = await app.savedSegments.define({
      name: 'Gold',
      kind: 'rule',
      definition: 'level = "gold"',
    });
    expect(gold.value.count).toBe(4);
  });
});
