import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaIngest } from '../../../src/ingest/kafka/kafka-ingest.js';
import { deadLetterHeaders } from '../../../src/ingest/kafka/dead-letter.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { readGraph } from '../../support/graph-facts.js';
import { committedTotal, header, produce, readTopic } from '../../support/kafka-client.js';
import { eventually, streamApp, streamServices } from '../../support/stream-app.js';
import type { StreamServices } from '../../support/streams.js';

/** Consent events through Kafka: the same writer as the JSON lines file. */
describe('Kafka consent events', () => {
  let services: StreamServices;
  let runner: KafkaIngest | undefined;
  let db: Gateway;

  beforeAll(async () => {
    services = await streamServices();
    db = await freshDatabase();
  });
  afterAll(async () => {
    await runner?.stop();
    await db?.close();
  });

  it('a grant and a later withdrawal reach the person; a bad purpose is a dead letter', async () => {
    const suffix = `${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const { config, app } = streamApp(db, services, {
      ONEID_KAFKA_TOPIC: `consent_${suffix}`,
      ONEID_KAFKA_GROUP_ID: `group_${suffix}`,
      ONEID_KAFKA_DEAD_LETTER_TOPIC: `consent_${suffix}.dlq`,
    });
    const settings = config.ingest.kafka;
    runner = new KafkaIngest({
      identity: app.identity,
      eventLinkConfidence: config.identity.eventLinkConfidence,
      settings,
      brokers: services.kafka.brokers,
      maxBackoffMs: 2_000,
      log: () => undefined,
    });
    runner.start();
    const consent = (n: number, time: string, purpose: string, granted: unknown) =>
      JSON.stringify({
        event_id: `KC${n}`,
        union_id: 'UKC',
        open_id: 'OKC',
        event_type: 'consent',
        channel: 'miniapp',
        event_time: time,
        consent_purpose: purpose,
        consent_granted: granted,
      });
    const messages = [
      consent(1, '2024-11-01 08:00:00', 'email', true),
      consent(2, '2024-11-01 08:00:00', 'ads', 'yes'),
      consent(3, '2024-11-02 08:00:00', 'ads', false),
      consent(4, '2024-11-03 08:00:00', 'push', true),
    ];
    await produce(services.kafka.brokers, settings.topic, messages);
    await eventually(
      async () =>
        (await committedTotal(services.kafka.brokers, settings.topic, settings.groupId)) >= 4
          ? true
          : undefined,
      60_000,
      '4 committed offsets',
    );
    const rows = await readGraph<{ consents: string[]; ads: boolean; at: string; change: number }>(
      db,
      `MATCH (:Identifier {key: 'open_id:OKC'})-[:BELONGS_TO]->(p:Person)<-[:BELONGS_TO]-(u:Identifier {key: 'union_id:UKC'})
       OPTIONAL MATCH (c:Change) WHERE p.pid IN c.pids
       RETURN p.consents AS consents, u.consentAds AS ads, u.consentAdsAt AS at, max(c.seq) AS change`,
    );
    expect(rows).toEqual([
      { consents: ['email'], ads: false, at: '2024-11-02T08:00:00', change: expect.any(Number) },
    ]);
    const [letter] = await readTopic(services.kafka.brokers, settings.deadLetterTopic, 1);
    expect(letter?.value.toString()).toBe(messages[3]);
    expect(header(letter!, deadLetterHeaders.reason)).toBe(
      'unknown consent purpose "push" in consent_purpose (ads, email)',
    );
  });
});
