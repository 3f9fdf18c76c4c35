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
  await olderVersionWrote('MATCH (p:Person)');
});

/** Makes the matched persons (and the graph) look as an older version left them. */
async function olderVersionWrote(match: string) {
  await db.driver.executeQuery(
    `${match} REMOVE p.identifierTypes, p.consents, p.segmentLists, p.memberKey
     WITH count(*) AS persons
     OPTIONAL MATCH (c:Counter {name: 'segment-facts'}) DELETE c`,
    {},
    { database: db.database },
  );
}

/** Active persons without identifier types, and those with a member key. */
async function facts() {
  const { records } = await db.driver.executeQuery(
    "MATCH (p:Person {status: 'active'}) RETURN sum(CASE WHEN p.identifierTypes IS NULL THEN 1 ELSE 0 END) AS missing, sum(CASE WHEN p.memberKey IS NOT NULL THEN 1 ELSE 0 END) AS members",
    {},
    { database: db.database },
  );
  const count = (key: string) => (records[0]?.get(key) as { toNumber(): number }).toNumber();
  return { missing: count('missing'), members: count('members') };
}
afterAll(async () => {
  await db?.close();
});

describe('a graph from an older version', () => {
  it('gets the segment facts on its persons at the first start', async () => {
    const app = createApp(config, db);
    await app.segments.init();
    expect(await facts()).toEqual({ missing: 0, members: 10 });
    const gold = await app.savedSegments.define({
      name: 'Gold',
      kind: 'rule',
      definition: 'level = "gold"',
    });
    expect(gold.value.count).toBe(4);
  });

  it('is looked for once: a later start reads the mark and scans no person', async () => {
    // a person without facts but the mark kept: a start that scanned would repair it
    await db.driver.executeQuery(
      "MATCH (p:Person {status: 'active'}) WITH p LIMIT 1 REMOVE p.identifierTypes",
      {},
      { database: db.database },
    );
    await createApp(config, db).segments.init();
    expect((await facts()).missing).toBe(1);
    // without the mark (an older version's graph) the next start looks again
    await olderVersionWrote('MATCH (p:Person) WHERE p.identifierTypes IS NULL');
    await createApp(config, db).segments.init();
    expect((await facts()).missing).toBe(0);
  });
});
