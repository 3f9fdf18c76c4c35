import 'reflect-metadata';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { serviceRoutes } from '../../src/http/routes.js';
import { createServer, type HttpService } from '../../src/http/server.js';
import { loadSeedsIfEmpty } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../support/db.js';
import { fuzzRequest, type FuzzRequest } from '../support/graphql-fuzz.js';
import { capturedLog } from '../support/log-capture.js';
import { KEYS } from '../support/service.js';

/** Text that can only come from inside the service: a driver error, a stack frame, a path. */
const LEAK =
  /Neo\.(Client|Transient|Database)Error|Neo4jError|neo4j-driver|\n\s+at |node:internal|node_modules|\/src\/|\.ts:\d+|RangeError|call stack/;

/**
 * The longest a request may take: one refused before it runs, and one that runs (a cold
 * Cypher plan on a busy machine takes seconds). A fan-out the limits miss takes minutes.
 */
const MAX_REFUSED_MS = 1500;
const MAX_MS = 10_000;

let db: Gateway;
let app: App;
let http: HttpService;
let url: string;
const errorLog = capturedLog('error');

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
  await app.segments.init();
  http = await createServer({
    app,
    keys: {
      byKey: new Map([
        [KEYS.reader, 'reader'],
        [KEYS.steward, 'steward'],
      ]),
      generated: undefined,
      file: undefined,
    },
    routes: serviceRoutes(app),
    log: errorLog.logger,
  });
  url = await http.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await http?.close();
  await db?.close();
});

async function send(request: FuzzRequest): Promise<{ status: number; text: string; ms: number }> {
  const key = {
    reader: KEYS.reader,
    steward: KEYS.steward,
    none: undefined,
    wrong: 'x'.repeat(20),
  }[request.key];
  const started = performance.now();
  const res = await fetch(`${url}/graphql${request.search}`, {
    method: request.method,
    headers: { ...request.headers, ...(key ? { 'x-api-key': key } : {}) },
    body: request.body,
    signal: AbortSignal.timeout(2 * MAX_MS),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

describe('GraphQL robustness: random, malformed and adversarial requests', () => {
  it('never answers a 5xx, never leaks internals, answers each in bounded time, stays healthy', async () => {
    const schema = buildSchema(readFileSync(join(projectRoot, 'schema', 'schema.graphql'), 'utf8'));
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fuzzRequest(schema), async (request) => {
        kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
        const { status, text, ms } = await send(request);
        expect({ kind: request.kind, status, leak: LEAK.exec(text)?.[0] }).toEqual({
          kind: request.kind,
          status: expect.any(Number),
          leak: undefined,
        });
        expect(status).toBeLessThan(500);
        expect(ms).toBeLessThan(status >= 400 ? MAX_REFUSED_MS : MAX_MS);
      }),
      // bounded: the run stops (successfully) after 35 s, however many runs are left
      { numRuns: 600, interruptAfterTimeLimit: 35_000 },
    );
    // every family was tried
    expect([...kinds.keys()].length).toBeGreaterThan(10);
    expect(errorLog.lines).toEqual([]);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.reader },
      body: JSON.stringify({
        query: '{ person(identifier: {type: "member_id", value: "MBR001"}) { oneId } }',
      }),
    });
    expect(await res.json()).toMatchObject({ data: { person: { oneId: expect.any(String) } } });
  });
});
