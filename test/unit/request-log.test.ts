import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServer, type HttpService } from '../../src/http/server.js';
import { ServiceMetrics } from '../../src/metrics/service-metrics.js';
import { capturedLog } from '../support/log-capture.js';

const KEY = 'unit-reader-key-00000000000002';
const { logger, lines } = capturedLog('debug');
let http: HttpService;
let url: string;

// the HTTP service over a config alone: { __typename } needs no database, and a person
// query fails on the missing one, which is an unexpected error
beforeAll(async () => {
  // no database: the change feed is only asked how far it is
  const feed = { sequence: 0, committed: 0 };
  const app = {
    config: loadConfig({}),
    metrics: new ServiceMetrics(),
    rfm: { feed },
  } as unknown as App;
  http = await createServer({
    app,
    keys: { byKey: new Map([[KEY, 'reader']]), generated: undefined, file: undefined },
    log: logger,
  });
  url = await http.listen(0, '127.0.0.1');
});
afterAll(() => http?.close());

async function post(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: { message: string }[] };
  // the request line is written once the response is finished, just after the body is sent
  await new Promise((r) => setTimeout(r, 20));
  return { id: res.headers.get('x-request-id'), body };
}

const linesOf = (reqId: string | null) => lines.filter((l) => l.reqId === reqId);

describe('a request id per HTTP request', () => {
  it('keeps x-request-id: test-123, sends it back and binds it to the lines the request causes', async () => {
    const { id } = await post('query Probe { __typename }', { 'x-request-id': 'test-123' });
    expect(id).toBe('test-123');
    expect(linesOf('test-123')).toEqual([
      expect.objectContaining({ msg: 'graphql operation', operation: 'Probe', type: 'query' }),
      expect.objectContaining({
        msg: 'request done',
        method: 'POST',
        path: '/graphql',
        status: 200,
      }),
    ]);
  });

  it('makes one when the request has none, and a different one per request', async () => {
    const first = await post('{ __typename }');
    const second = await post('{ __typename }');
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.id).not.toBe(first.id);
    expect(linesOf(first.id).map((l) => l.msg)).toEqual(['graphql operation', 'request done']);
  });

  it('replaces an unsafe one', async () => {
    const { id } = await post('{ __typename }', { 'x-request-id': 'x'.repeat(200) });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a masked error with its request id, the real error and the codes', async () => {
    const { id, body } = await post(
      'query Who { person(identifier: {type: "member_id", value: "MBR001"}) { oneId } }',
      { 'x-request-id': 'masked-1' },
    );
    expect(id).toBe('masked-1');
    expect(body.errors?.[0]?.message).toBe('Unexpected error.');
    const logged = linesOf('masked-1');
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'Unexpected error in a GraphQL request',
        err: expect.objectContaining({ stack: expect.any(String) }),
      }),
    );
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'graphql operation',
        operation: 'Who',
        errors: ['INTERNAL_SERVER_ERROR'],
      }),
    );
    // never the document or its values
    expect(JSON.stringify(logged)).not.toContain('MBR001');
  });

  it('logs a refused request (no key) with its id, and health probes at debug only', async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'no-key' },
      body: '{"query":"{ __typename }"}',
    });
    expect(res.status).toBe(401);
    const health = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'probe' } });
    expect(health.headers.get('x-request-id')).toBe('probe');
    await new Promise((r) => setTimeout(r, 20));
    expect(linesOf('no-key')).toEqual([expect.objectContaining({ level: 30, status: 401 })]);
    expect(linesOf('probe')).toEqual([expect.objectContaining({ level: 20, path: '/healthz' })]);
  });
});
