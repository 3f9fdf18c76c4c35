import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServer, type HttpService } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { ServiceMetrics } from '../../src/metrics/service-metrics.js';

const KEY = 'unit-reader-key-00000000000001';

/** The HTTP service over a config alone: refused requests and introspection reach no database. */
async function serve(env: Record<string, string>): Promise<{ http: HttpService; url: string }> {
  // no database: the change feed is only asked how far it is
  const feed = { sequence: 0, committed: 0 };
  const app = {
    config: loadConfig(env),
    metrics: new ServiceMetrics(),
    rfm: { feed },
  } as unknown as App;
  const http = await createServer({
    app,
    keys: { byKey: new Map([[KEY, 'reader']]), generated: undefined, file: undefined },
    log: createLogger({ level: 'silent' }),
  });
  return { http, url: await http.listen(0, '127.0.0.1') };
}

interface Answer {
  data?: { __schema?: { queryType: { name: string } }; __typename?: string };
  extensions?: { sequence: number };
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

describe('introspection switch (ONEID_GRAPHQL_INTROSPECTION)', () => {
  let on: { http: HttpService; url: string };
  let off: { http: HttpService; url: string };
  beforeAll(async () => {
    on = await serve({});
    off = await serve({ ONEID_GRAPHQL_INTROSPECTION: 'false' });
  });
  afterAll(async () => {
    await on?.http.close();
    await off?.http.close();
  });

  it("on: answers GraphiQL's introspection query", async () => {
    const { status, json } = await post(on.url, { query: getIntrospectionQuery() });
    expect(status).toBe(200);
    expect(json.data?.__schema?.queryType.name).toBe('Query');
  });

  it('off: refuses __schema and __type with a 400, and still answers __typename', async () => {
    for (const query of [getIntrospectionQuery(), '{ __type(name: "Person") { name } }']) {
      const { status, json } = await post(off.url, { query });
      expect(status).toBe(400);
      expect(json.errors?.[0]?.message).toMatch(/^GraphQL introspection has been disabled/);
    }
    expect(await post(off.url, { query: '{ __typename }' })).toEqual({
      status: 200,
      json: { data: { __typename: 'Query' }, extensions: { sequence: 0 } },
    });
  });

  it('defaults to off under NODE_ENV=production only', () => {
    expect(loadConfig({}).graphqlIntrospection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).graphqlIntrospection).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', ONEID_GRAPHQL_INTROSPECTION: 'true' })
        .graphqlIntrospection,
    ).toBe(true);
  });
});

describe('limits answer a 4xx before any resolver runs', () => {
  let service: { http: HttpService; url: string };
  beforeAll(async () => {
    service = await serve({ ONEID_GRAPHQL_MAX_BYTES: '2000', ONEID_GRAPHQL_MAX_TOKENS: '100' });
  });
  afterAll(async () => service?.http.close());

  it('maps each limit to its status and code', async () => {
    const cases: [unknown, number, Record<string, unknown>][] = [
      [{ query: `{ __typename } # ${'x'.repeat(2000)}` }, 413, { limit: 'bytes' }],
      [{ query: `{ ${'__typename '.repeat(100)}}` }, 413, { limit: 'tokens' }],
      [
        {
          query: 'query($n: Int!) { people(first: $n) { nodes { oneId } } }',
          variables: { n: 5000 },
        },
        400,
        { code: 'QUERY_TOO_COMPLEX', limit: 'cost' },
      ],
    ];
    for (const [body, status, extensions] of cases) {
      const answer = await post(service.url, body);
      expect(answer.status).toBe(status);
      expect(answer.json.errors?.[0]?.extensions).toMatchObject(extensions);
    }
  });

  it('checks the size of a document sent with GET too', async () => {
    const query = encodeURIComponent(`{ ${'__typename '.repeat(100)}}`);
    const res = await fetch(`${service.url}/graphql?query=${query}`, {
      headers: { 'x-api-key': KEY, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'The GraphQL document has more than 100 tokens, the limit.',
          extensions: { code: 'QUERY_TOO_LARGE', limit: 'tokens' },
        },
      ],
    });
  });

  it('closes the connection after a body over 4 MB, so requests sent after it are answered', async () => {
    const huge = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(5 * 1024 * 1024)}` }),
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('connection')).toBe('close');
    await huge.text();
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(3000),
      });
      expect(res.status).toBe(200);
      await res.text();
    }
  });

  it('leaves variables that do not coerce to the executor (BAD_USER_INPUT)', async () => {
    const answer = await post(service.url, {
      query: 'query($n: Int!) { people(first: $n) { totalCount } }',
      variables: { n: 'many' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('automatic persisted queries (ONEID_GRAPHQL_APQ_CACHE_SIZE)', () => {
  const apq = (query: string, register: boolean) => ({
    ...(register ? { query } : {}),
    extensions: {
      persistedQuery: {
        version: 1,
        sha256Hash: createHash('sha256').update(query).digest('hex'),
      },
    },
  });
  // two queries of 60 characters each: the cache of 100 holds one
  const first = `query First { __typename } # ${'x'.repeat(31)}`;
  const second = `query Second { __typename } # ${'x'.repeat(30)}`;

  it('answers a registered query by hash, and keeps at most the configured size', async () => {
    const { http, url } = await serve({ ONEID_GRAPHQL_APQ_CACHE_SIZE: '100' });
    try {
      expect((await post(url, apq(first, false))).json.errors?.[0]?.extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      expect((await post(url, apq(first, true))).json.data).toEqual({ __typename: 'Query' });
      expect((await post(url, apq(first, false))).json.data).toEqual({ __typename: 'Query' });
      await post(url, apq(second, true));
      expect((await post(url, apq(second, false))).json.data).toEqual({ __typename: 'Query' });
      expect((await post(url, apq(first, false))).json.errors?.[0]?.extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    } finally {
      await http.close();
    }
  });

  it('refuses a hash that is not the SHA-256 of the text with a clear BAD_REQUEST', async () => {
    const { http, url } = await serve({});
    try {
      const wrong = { ...apq(first, true), query: second };
      expect(await post(url, wrong)).toEqual({
        status: 400,
        json: {
          errors: [
            {
              message: 'provided sha does not match query',
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        },
      });
    } finally {
      await http.close();
    }
  });

  it('is off with a size of 0', async () => {
    const { http, url } = await serve({ ONEID_GRAPHQL_APQ_CACHE_SIZE: '0' });
    try {
      expect((await post(url, apq(first, true))).json.errors?.[0]?.extensions.code).toBe(
        'PERSISTED_QUERY_NOT_SUPPORTED',
      );
    } finally {
      await http.close();
    }
  });
});
