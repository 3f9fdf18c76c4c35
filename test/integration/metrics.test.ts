import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { metricsRoute } from '../../src/http/metrics-route.js';
import { serviceRoutes } from '../../src/http/routes.js';
import { createServer, type HttpService } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { openStreams } from '../../src/ingest/streams.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { RefreshSchedule } from '../../src/rfm/refresh-schedule.js';
import { freshDatabase } from '../support/db.js';
import { KEYS } from '../support/service.js';

let db: Gateway;
let app: App;
let http: HttpService;
let url: string;
let schedule: RefreshSchedule;

beforeAll(async () => {
  db = await freshDatabase();
  // both streams configured, not started: their series are there, reporting "stopped"
  const config = loadConfig({ ONEID_AS_OF: '2026-06-06' });
  app = createApp(config, db);
  const streams = openStreams(
    app,
    config,
    {
      kafkaBrokers: ['127.0.0.1:1'],
      cdc: { host: '127.0.0.1', port: 1, user: 'none', password: 'none' },
    },
    () => undefined,
  );
  schedule = new RefreshSchedule(
    app.rfm,
    async () => undefined,
    () => undefined,
  );
  http = await createServer({
    app,
    keys: {
      byKey: new Map([
        [KEYS.reader, 'reader'],
        [KEYS.service, 'service'],
      ]),
      generated: undefined,
      file: undefined,
    },
    routes: [...serviceRoutes(app), metricsRoute(app.metrics, schedule, streams, app.rfm.feed)],
    log: createLogger({ level: 'silent' }),
  });
  url = await http.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await http?.close();
  await db?.close();
});

async function gql(query: string, key: string): Promise<{ data?: unknown; errors?: unknown }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown };
}

async function scrape(): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text();
}

/** The value of one series line (`name{labels} value`), undefined when absent. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const PERSON_PAGE = 'oneid_graphql_operation_duration_seconds_count{operation="PersonPage"}';
const RESOLVE_ID = 'oneid_resolve_id_duration_seconds_count{call="resolveId"}';
const EXTERNAL = 'oneid_external_function_duration_seconds_count';

describe('GET /metrics (prom-client)', () => {
  it('has the default metrics, the request histograms, and the stream and refresh metrics', async () => {
    const before = await scrape();
    expect(valueOf(before, PERSON_PAGE)).toBeUndefined();
    // before the first refresh: no value rather than a misleading 0
    expect(before).not.toMatch(/^oneid_rfm_persons_with_rfm /m);

    const resolved = await gql(
      'mutation Resolve { resolveId(type: "member_id", value: "MBRMETRICS") { oneId } }',
      KEYS.service,
    );
    expect(resolved.errors).toBeUndefined();
    const page = await gql(
      'query PersonPage { person(identifier: {type: "member_id", value: "MBRMETRICS"}) { oneId } }',
      KEYS.reader,
    );
    expect(page.errors).toBeUndefined();
    const call = await fetch(`${url}/functions/call_id_graph`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.service },
      body: JSON.stringify({ data: [[0, 'MBRMETRICS', 'member_id']] }),
    });
    expect(call.status).toBe(200);
    // no person has RFM (no purchase): the refresh raises its data-quality alert
    await schedule.runOnce();

    // a quiet process may not have collected yet: force one collection, which prom-client's
    // GC observer reports asynchronously
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = await scrape();
    // prom-client's defaults
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(text).toMatch(/^nodejs_gc_duration_seconds_count\{kind="\w+"\} [1-9]/m);
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    // the request histograms, by bounded labels only
    expect(valueOf(text, PERSON_PAGE)).toBe(1);
    expect(valueOf(text, RESOLVE_ID)).toBe(1);
    expect(valueOf(text, EXTERNAL)).toBe((valueOf(before, EXTERNAL) ?? 0) + 1);
    expect(text).not.toContain('MBRMETRICS');
    // the existing stream and refresh metrics, same names and meaning
    expect(text).toContain('# TYPE oneid_ingest_records_total counter');
    expect(valueOf(text, 'oneid_ingest_up{stream="kafka"}')).toBe(0);
    expect(valueOf(text, 'oneid_ingest_records_total{stream="cdc"}')).toBe(0);
    expect(valueOf(before, 'oneid_rfm_refresh_alerts_total')).toBe(0);
    expect(valueOf(text, 'oneid_rfm_refresh_alerts_total')).toBe(1);
    expect(valueOf(text, 'oneid_rfm_persons_with_rfm')).toBe(0);
    expect(valueOf(text, 'oneid_rfm_refresh_timestamp_seconds')).toBeGreaterThan(1.7e9);
    // the change feed: how far this process's caches are, and what following it cost
    expect(valueOf(text, 'oneid_feed_applied_sequence')).toBe(app.rfm.feed.sequence);
    expect(valueOf(text, 'oneid_feed_committed_sequence')).toBe(app.rfm.feed.committed);
    expect(valueOf(text, 'oneid_feed_polls_total')).toBe(app.rfm.feed.polls);
  });
});
