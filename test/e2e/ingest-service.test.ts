import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../support/db.js';
import { produce } from '../support/kafka-client.js';
import { startService, type RunningService } from '../support/service.js';
import { crmClient, eventually, streamEnv, streamServices } from '../support/stream-app.js';
import type { StreamServices } from '../support/streams.js';
import { sha256Hex } from '../../src/identity/normalize.js';

let db: Gateway;
let services: StreamServices;
let crm: Connection;
let service: RunningService;
const suffix = `${Date.now()}`;
const topic = `e2e_${suffix}`;

beforeAll(async () => {
  db = await freshDatabase();
  services = await streamServices();
  crm = await crmClient(services);
  await crm.query('DELETE FROM members');
  service = await startService(
    14003,
    streamEnv(services, {
      ONEID_LOAD_SEEDS: 'false',
      ONEID_KAFKA_TOPIC: topic,
      ONEID_KAFKA_GROUP_ID: `e2e_${suffix}`,
      ONEID_KAFKA_DEAD_LETTER_TOPIC: `${topic}.dlq`,
    }),
    ['ingest'],
  );
});
afterAll(async () => {
  await service?.stop();
  await crm?.end();
  await db?.close();
});

const personOf = async (type: string, value: string) =>
  (
    await service.gql<{
      person: {
        oneId: string;
        identifiers: { type: string; value: string; active: boolean }[];
        rfm: { monetary: string } | null;
      } | null;
    }>(
      `{ person(identifier: {type: "${type}", value: "${value}"}) { oneId identifiers { type value active } rfm(asOf: "2026-06-06") { monetary } } }`,
    )
  ).data?.person ?? undefined;

describe('oneid ingest: the streams beside GraphQL', () => {
  it('a CRM INSERT in MariaDB is a person through GraphQL', async () => {
    // how fast is the cdc bench's question (npm run bench -- cdc); here only that it arrives
    await crm.query(
      `INSERT INTO members (member_id, mobile_hash, email_hash, real_name, gender, birthday, register_date, channel, level, total_points, updated_at)
       VALUES ('MBRE2E', ?, ?, 'E2E User', 'F', '1990-01-01', '2024-01-01', 'online', 'gold', 10, '2024-11-01 10:00:00')`,
      [sha256Hex('mobile e2e'), sha256Hex('email e2e')],
    );
    const person = await eventually(
      () => personOf('member_id', 'MBRE2E'),
      60_000,
      'the member through GraphQL',
    );
    expect(person.identifiers.map((i) => i.value).sort()).toEqual(
      ['MBRE2E', sha256Hex('email e2e'), sha256Hex('mobile e2e')].sort(),
    );
  });

  it('seed events produced to the topic give the same RFM as loading the file', async () => {
    const lines = readFileSync(join(projectRoot, 'seeds', 'app_events.jsonl'), 'utf8')
      .trim()
      .split('\n');
    await produce(services.kafka.brokers, topic, [...lines, 'not json at all']);
    const person = await eventually(
      async () => {
        const p = await personOf('union_id', 'union_001');
        return p?.rfm?.monetary === '164.90' ? p : undefined;
      },
      20_000,
      'union_001 with both purchases',
    );
    expect(person.rfm).toEqual({ monetary: '164.90' });
  });

  it('exposes stream metrics and readiness', async () => {
    const metrics = await eventually(
      async () => {
        const text = await (await fetch(`${service.url}/metrics`)).text();
        return /oneid_ingest_dead_letters_total\{stream="kafka"\} 1/.test(text) ? text : undefined;
      },
      10_000,
      'the dead letter in the metrics',
    );
    expect(metrics).toMatch(/oneid_ingest_up\{stream="cdc"\} 1/);
    expect(metrics).toMatch(/oneid_ingest_records_total\{stream="kafka"\} 15/);
    // prom-client: the default metrics and the batch histogram beside the stream gauges
    expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(metrics).toMatch(/^oneid_ingest_batch_duration_seconds_count\{source="kafka"\} [1-9]/m);
    expect(metrics).toMatch(
      /^oneid_ingest_batch_duration_seconds_count\{source="cdc(_snapshot)?"\} [1-9]/m,
    );
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
