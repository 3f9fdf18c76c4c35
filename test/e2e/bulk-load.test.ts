import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedFiles } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { toPlain } from '../../src/neo4j/values.js';
import { freshDatabase } from '../support/db.js';
import { runCli } from '../support/service.js';

/**
 * `oneid load KIND --bulk` on the seed files, against the same files loaded incrementally:
 * the same persons (by their identifiers), each with the same purchase summary (what RFM
 * derives from) and contacts, the same conflicts and quarantines.
 */

const seedDir = join(projectRoot, 'seeds');

let db: Gateway | undefined;
afterAll(async () => {
  await db?.close();
});

/** Every active person as its sorted identifier keys with what derives from them. */
async function personFacts(gw: Gateway): Promise<string[]> {
  const result = await gw.driver.executeQuery(
    `MATCH (p:Person {status: 'active'})
     RETURN [(p)<-[:BELONGS_TO]-(i:Identifier) | i.key] AS keys,
            [p.purchaseDays, p.dayCents, p.dayBought, p.channels, p.channelFirstDays,
             p.mobileHash, p.emailHash] AS derived`,
    {},
    { database: gw.database },
  );
  return result.records
    .map((r) => toPlain(r.toObject()) as { keys: string[]; derived: unknown[] })
    .map((r) => JSON.stringify([[...r.keys].sort(), r.derived]))
    .sort();
}

async function linkFacts(gw: Gateway): Promise<string[]> {
  const result = await gw.driver.executeQuery(
    `MATCH (a:Identifier)-[r:LINKED]->(b:Identifier)
     RETURN a.key AS a, b.key AS b, r.seq AS seq, r.conflict AS conflict, r.active AS active,
            a.quarantined AS qa, b.quarantined AS qb`,
    {},
    { database: gw.database },
  );
  return result.records.map((r) => JSON.stringify(toPlain(r.toObject()))).sort();
}

async function loadSeeds(bulk: boolean) {
  await db?.close();
  db = await freshDatabase();
  const outputs: string[] = [];
  for (const [kind, file] of seedFiles) {
    const args = ['load', kind, ...(bulk ? ['--bulk'] : []), join(seedDir, file)];
    const { code, stdout, stderr } = await runCli(args);
    expect(code, `oneid ${args.join(' ')}: ${stderr}`).toBe(0);
    outputs.push(stdout);
  }
  return { outputs, persons: await personFacts(db), links: await linkFacts(db) };
}

describe('oneid load --bulk', () => {
  it('loads the seed files to the same persons, summaries and links as the incremental load', async () => {
    const incremental = await loadSeeds(false);
    const bulk = await loadSeeds(true);
    // one JSON line per file, then the resolve pass's summary
    const resolves = bulk.outputs.map((o) => JSON.parse(o.trim().split('\n').at(-1) as string));
    expect(resolves[0].resolve).toMatchObject({ mode: 'backfill' });
    expect(resolves.every((r) => typeof r.resolve?.ms?.rfm === 'number')).toBe(true);
    expect(incremental.persons.length).toBe(26);
    expect(bulk.persons).toEqual(incremental.persons);
    expect(bulk.links).toEqual(incremental.links);
  });
});
