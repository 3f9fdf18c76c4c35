import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLinkGraph } from '../../../src/identity/bulk/read-link-graph.js';
import { resolveDeferred } from '../../../src/identity/bulk/resolve-deferred.js';
import { defaultIdentifierTypes, IdentifierTypes } from '../../../src/identity/identifier-types.js';
import { IdentityService, type IdentityBatch } from '../../../src/identity/identity-service.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';

/**
 * The resolve pass's read against the real Neo4j: from a few seeds it reads every identifier
 * linked to them, transitively, each once, and each link once, over several rounds and
 * concurrent pages, without a set of every key asked; the seed set it is given stays as it was.
 */

const day = '2024-01-01T00:00:00';
const device = (n: number) => ({ type: 'device_id', value: `D${n}` });
const link = (a: number, b: number) => ({
  a: device(a),
  b: device(b),
  source: 'test',
  confidence: 1,
  firstSeen: day,
  lastSeen: day,
});
// a chain D1 - D2 - ... - D8 with a shortcut D2 - D7 and a cycle D5 - D8; apart: D20 - D21
const CHAIN: IdentityBatch = {
  identifiers: [],
  links: [
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => link(n, n + 1)),
    link(2, 7),
    link(8, 5),
    link(20, 21),
  ],
};

let db: Gateway;
let identity: IdentityService;
let keyOf: (n: number) => string;

beforeAll(async () => {
  db = await freshDatabase();
  identity = new IdentityService(db, {
    types: new IdentifierTypes(defaultIdentifierTypes),
    threshold: 0.8,
    supernodeLimit: 50,
  });
  identity.defer();
  await identity.ingest(CHAIN, 'test');
  identity.undefer();
  const rows = await db.driver.executeQuery(
    'MATCH (i:Identifier) RETURN i.key AS key ORDER BY key',
    {},
    { database: db.database },
  );
  const keys = rows.records.map((r) => r.get('key') as string);
  keyOf = (n) => {
    const k = keys.find((key) => key.toLowerCase().endsWith(`:d${n}`));
    if (!k) throw new Error(`no identifier D${n} in ${keys.join(', ')}`);
    return k;
  };
});

afterAll(async () => {
  await db.close();
});

describe('readLinkGraph', () => {
  it('reads the linked identifiers and links once each, over rounds and pages', async () => {
    const seeds = new Set([keyOf(4), 'device_id:not-in-the-graph']);
    const { graph, withPerson } = await readLinkGraph(db, seeds, { pageSize: 1 });
    expect(withPerson).toBe(0);
    expect([...graph.keys].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(keyOf).sort());
    expect(graph.missing()).toEqual([]);
    const links = Array.from({ length: graph.links }, (_, e) =>
      [graph.keys[graph.a(e)], graph.keys[graph.b(e)]].sort().join(' '),
    ).sort();
    const expected = [...[1, 2, 3, 4, 5, 6, 7].map((n) => [n, n + 1]), [2, 7], [8, 5]]
      .map(([a, b]) => [keyOf(a as number), keyOf(b as number)].sort().join(' '))
      .sort();
    expect(links).toEqual(expected);
    expect([...seeds]).toEqual([keyOf(4), 'device_id:not-in-the-graph']);
  });

  it('stops at the first page with a person once the graph has persons', async () => {
    const deferred = identity.defer();
    await identity.ingest({ identifiers: [], links: [link(20, 21)] }, 'test');
    const summary = await resolveDeferred(identity, deferred);
    expect(summary.mode).toBe('backfill');
    const { withPerson } = await readLinkGraph(db, [keyOf(21)]);
    expect(withPerson).toBeGreaterThan(0);
  });
});
