import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createServer, type HttpService } from '../../../src/http/server.js';
import { serviceRoutes } from '../../../src/http/routes.js';
import { loadFile } from '../../../src/ingest/load-file.js';
import { MAX_GRAPHQL_BODY_BYTES } from '../../../src/input-limits.js';
import { createLogger } from '../../../src/log/logger.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';

/**
 * A static segment's list at its documented limit: 100,000 identifiers in one
 * `addToSegment` call over HTTP (a body of several MiB), resolved to their persons, kept in
 * the bitmap, and taken off again in one `removeFromSegment` call, against the real Neo4j.
 */

const PERSONS = 100_000;
const MARKETER = 'marketer-key-static-scale-01';
const READER = 'reader-key-static-scale-0001';
const config = loadConfig({ ONEID_AS_OF: '2026-06-06', ONEID_FEED_POLL_MS: '50' });

let db: Gateway;
let app: App;
let http: HttpService;
let url: string;

const member = (n: number) => `SCALE${String(n).padStart(6, '0')}`;

async function post(key: string, body: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body,
  });
  return {
    status: res.status,
    json: (await res.json()) as {
      data?: Record<string, { changed: number; unknown: number; count: number }>;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    },
  };
}

/** A list mutation over `count` identifiers, the last `unknown` of them held by nobody. */
function listCall(mutation: string, count: number, unknown = 0): string {
  const identifiers = Array.from({ length: count }, (_, i) => ({
    type: 'member_id',
    value: i < count - unknown ? member(i) : `NOBODY${i}`,
  }));
  return JSON.stringify({
    query: `mutation($ids: [IdentifierInput!]!) { ${mutation}(name: "Imported list", identifiers: $ids) { changed unknown count } }`,
    variables: { ids: identifiers },
  });
}

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(config, db);
  const dir = mkdtempSync(join(tmpdir(), 'oneid-static-scale-'));
  try {
    const file = join(dir, 'crm.csv');
    const rows = Array.from(
      { length: PERSONS },
      (_, i) => `${member(i)},,,,F,1990-01-01,2025-01-01,online,silver,10,2026-06-01 09:00:00`,
    );
    writeFileSync(
      file,
      'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at\n' +
        rows.join('\n') +
        '\n',
    );
    const summary = await loadFile(
      'crm',
      file,
      { identity: app.identity, eventLinkConfidence: {} },
      { batchSize: 5_000 },
    );
    expect(summary).toMatchObject({ loaded: PERSONS, rejected: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await app.segments.init();
  http = await createServer({
    app,
    keys: {
      byKey: new Map([
        [MARKETER, 'marketer'],
        [READER, 'reader'],
      ]),
      generated: undefined,
      file: undefined,
    },
    routes: serviceRoutes(app),
    log: createLogger({ level: 'silent' }),
  });
  url = await http.listen(0, '127.0.0.1');
  await app.savedSegments.define({ name: 'Imported list', kind: 'static', definition: '' });
}, 300_000);

afterAll(async () => {
  await app?.live.stop();
  app?.rfm.feed.stop();
  await http?.close();
  await db?.close();
});

describe('a static segment at 100,000 identifiers a call', () => {
  it('adds 100,000 identifiers in one call over HTTP and removes them in another', async () => {
    const body = listCall('addToSegment', PERSONS, 10);
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_GRAPHQL_BODY_BYTES);
    const added = await post(MARKETER, body);
    expect(added.json.errors).toBeUndefined();
    expect(added.status).toBe(200);
    expect(added.json.data?.['addToSegment']).toEqual({
      changed: PERSONS - 10,
      unknown: 10,
      count: PERSONS - 10,
    });
    const audience = await app.audiences.count('"Imported list"', '2026-06-06');
    expect(audience).toBe(PERSONS - 10);

    const again = await post(MARKETER, body);
    expect(again.json.data?.['addToSegment']).toEqual({
      changed: 0,
      unknown: 10,
      count: PERSONS - 10,
    });

    const removed = await post(MARKETER, listCall('removeFromSegment', PERSONS));
    expect(removed.json.errors).toBeUndefined();
    expect(removed.json.data?.['removeFromSegment']).toMatchObject({
      changed: PERSONS - 10,
      count: 0,
    });
  }, 300_000);

  it('refuses 100,001 identifiers naming the field, and a reader’s body of that size', async () => {
    const over = await post(MARKETER, listCall('addToSegment', PERSONS + 1));
    expect(over.json.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'identifiers',
    });
    const reader = await post(READER, listCall('addToSegment', PERSONS));
    expect(reader.status).toBe(413);
  }, 120_000);
});
