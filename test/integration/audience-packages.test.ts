import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { cursorAt } from '../../src/graphql/paging.js';
import { loadSeedsIfEmpty } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { RoaringBitmap32 } from '../../src/segments/roaring.js';
import { freshDatabase } from '../support/db.js';
import { inProcessGraphql, type InProcessGraphql } from '../support/graphql-exec.js';
import { loggingReads } from '../support/read-log.js';

/**
 * The `persons` of audience packages over GraphQL, in process against Neo4j: however many
 * packages and fields a request names, their bitmaps come in one read, each decoded once.
 */

const asOf = '2026-06-06';
const PACKAGES = { AT_RISK: '"At Risk"', LOST: 'Lost', HIGH: '"High Value"' };

let db: Gateway;
let app: App;
let gql: InProcessGraphql;
let reads: string[];

/** The segment reads (package bitmaps among them) and bitmap decodes while `run` runs. */
async function segmentWork(run: () => Promise<unknown>) {
  const decode = vi.spyOn(RoaringBitmap32, 'deserialize');
  reads.length = 0;
  try {
    await run();
    return {
      reads: reads.filter((name) => name.startsWith('segments/')),
      decodes: decode.mock.calls.length,
    };
  } finally {
    decode.mockRestore();
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  const logging = loggingReads(db);
  reads = logging.reads;
  app = createApp(loadConfig({ ONEID_AS_OF: asOf }), logging.db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
  await app.segments.init();
  gql = await inProcessGraphql(app);
  for (const [id, expression] of Object.entries(PACKAGES)) {
    await gql.ok(
      'mutation($id: String!, $e: String!) { createAudiencePackage(id: $id, name: $id, expression: $e) { id } }',
      { id, e: expression },
      'service',
    );
  }
});
afterAll(async () => {
  await gql?.stop();
  await db?.close();
});

interface Page {
  totalCount: number;
  nodes: { oneId: string }[];
}

describe('audience package persons', () => {
  it('listing several packages with their persons reads all their bitmaps at once', async () => {
    let data: { audiencePackages: { id: string; count: number; persons: Page }[] } | undefined;
    const work = await segmentWork(async () => {
      data = await gql.ok(
        '{ audiencePackages { id count persons(first: 2) { totalCount nodes { oneId } } } }',
      );
    });
    expect(work).toEqual({
      reads: ['segments/list-packages', 'segments/get-packages'],
      decodes: 3,
    });
    const packages = data?.audiencePackages ?? [];
    expect(packages.map((p) => p.id).sort()).toEqual(Object.keys(PACKAGES).sort());
    expect(Object.fromEntries(packages.map((p) => [p.id, p.persons.totalCount]))).toEqual({
      AT_RISK: 7,
      LOST: 16,
      HIGH: 3,
    });
    for (const p of packages) {
      expect(p.persons.totalCount).toBe(p.count);
      expect(p.persons.nodes).toHaveLength(2);
    }
  });

  it('a package asked for by several fields is read and decoded once', async () => {
    let data: Record<string, { a: Page; b: Page } | null> | undefined;
    const work = await segmentWork(async () => {
      data = await gql.ok(`{
        one: audiencePackage(id: "LOST") {
          a: persons(first: 10) { totalCount nodes { oneId } }
          b: persons(first: 6, after: "${cursorAt(10)}") { totalCount nodes { oneId } }
        }
        two: audiencePackage(id: "LOST") { a: persons(first: 16) { totalCount nodes { oneId } } }
        none: audiencePackage(id: "NONE") { id }
      }`);
    });
    expect(work).toEqual({ reads: ['segments/get-packages'], decodes: 1 });
    const { one, two, none } = data ?? {};
    expect(none).toBeNull();
    expect([...(one?.a.nodes ?? []), ...(one?.b.nodes ?? [])]).toEqual(two?.a.nodes);
    expect(two?.a.nodes).toHaveLength(16);
  });

  it('a package replaced later in the same operation shows its new members', async () => {
    const create = (alias: string, expression: string) =>
      `${alias}: createAudiencePackage(id: "SWAP", name: "swap", expression: ${JSON.stringify(expression)}, replace: true) { count persons(first: 1) { totalCount } }`;
    const data = await gql.ok<Record<string, { count: number; persons: { totalCount: number } }>>(
      `mutation { ${create('lost', 'Lost')} ${create('high', '"High Value"')} }`,
      {},
      'service',
    );
    expect(data).toEqual({
      lost: { count: 16, persons: { totalCount: 16 } },
      high: { count: 3, persons: { totalCount: 3 } },
    });
  });
});
