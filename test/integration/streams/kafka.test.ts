import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KafkaIngest } from '../../../src/ingest/kafka/kafka-ingest.js';
import { deadLetterHeaders } from '../../../src/ingest/kafka/dead-letter.js';
import { loadFile } from '../../../src/ingest/load-file.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { projectRoot } from '../../../src/paths.js';
import { freshDatabase } from '../../support/db.js';
import { countOf, eventFacts } from '../../support/graph-facts.js';
import { committedTotal, header, produce, readTopic } from '../../support/kafka-client.js';
import { eventually, streamApp, streamServices } from '../../support/stream-app.js';
import { streamServers, type StreamServices } from '../../support/streams.js';

const seedFile = join(projectRoot, 'seeds', 'app_events.jsonl');
const seedLines = readFileSync(seedFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

describe('Kafka app events', () => {
  let services: StreamServices;
  let runner: KafkaIngest | undefined;
  let db: Gateway | undefined;

  /** A topic and group of its own per test, so tests never see each other's messages. */
  const start = (db: Gateway) => {
    const suffix = `${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const env = {
      ONEID_KAFKA_TOPIC: `events_${suffix}`,
      ONEID_KAFKA_GROUP_ID: `group_${suffix}`,
      ONEID_KAFKA_DEAD_LETTER_TOPIC: `events_${suffix}.dlq`,
    };
    const { config, app } = streamApp(db, services, env);
    runner = new KafkaIngest({
      identity: app.identity,
      eventLinkConfidence: config.identity.eventLinkConfidence,
      settings: config.ingest.kafka,
      brokers: services.kafka.brokers,
      maxBackoffMs: 2_000,
      log: () => undefined,
    });
    runner.start();
    return { app, settings: config.ingest.kafka };
  };

  const committed = (settings: { topic: string; groupId: string }, count: number) =>
    eventually(
      async () =>
        (await committedTotal(services.kafka.brokers, settings.topic, settings.groupId)) >= count
          ? true
          : undefined,
      60_000,
      `${count} committed offsets`,
    );

  beforeAll(async () => {
    services = await streamServices();
  });

  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await db?.close();
    db = undefined;
  });

  it('stores every seed event exactly as loading the file does, with the same RFM', async () => {
    db = await freshDatabase();
    const { app: fileApp } = streamApp(db, services);
    await loadFile('events', seedFile, {
      identity: fileApp.identity,
      eventLinkConfidence: fileApp.config.identity.eventLinkConfidence,
    });
    const fromFile = {
      events: await eventFacts(db),
      channels: await fileApp.rfm.channelDistribution(),
      segments: await fileApp.rfm.segmentDistribution('2026-06-06'),
    };
    await db.close();

    db = await freshDatabase();
    const { app, settings } = start(db);
    await produce(services.kafka.brokers, settings.topic, seedLines);
    await committed(settings, seedLines.length);
    const fromStream = {
      events: await eventFacts(db),
      channels: await app.rfm.channelDistribution(),
      segments: await app.rfm.segmentDistribution('2026-06-06'),
    };

    expect(fromStream.events).toHaveLength(seedLines.length);
    expect(fromFile.channels.map((c) => c.channel).sort()).toEqual(['app', 'miniapp']);
    expect(fromStream).toEqual(fromFile);
    expect(runner?.status()).toMatchObject({
      state: 'running',
      written: seedLines.length,
      rejected: 0,
    });
  });

  it('redelivered events change nothing', async () => {
    db = await freshDatabase();
    const { settings } = start(db);
    await produce(services.kafka.brokers, settings.topic, [...seedLines, ...seedLines]);
    await committed(settings, seedLines.length * 2);
    expect(await countOf(db, 'Event')).toBe(seedLines.length);
    const purchases = (await eventFacts(db)).filter((e) => e.purchase);
    expect(await countOf(db, 'Purchase')).toBe(purchases.length);
  });

  it('sends a malformed message to the dead-letter topic with its reason and goes on', async () => {
    db = await freshDatabase();
    const { settings } = start(db);
    const good = JSON.parse(seedLines[0] as string) as Record<string, unknown>;
    const noIdentifier = {
      ...good,
      event_id: 'BAD2',
      union_id: null,
      open_id: null,
      device_id: null,
    };
    await produce(services.kafka.brokers, settings.topic, [
      '{"event_id": "BAD1", oops',
      JSON.stringify(noIdentifier),
      JSON.stringify({ ...good, event_id: 'GOOD1' }),
    ]);
    await committed(settings, 3);

    expect((await eventFacts(db)).map((e) => e.eventId)).toEqual(['GOOD1']);
    const letters = await readTopic(services.kafka.brokers, settings.deadLetterTopic, 2);
    expect(letters.map((m) => m.value.toString())).toEqual([
      '{"event_id": "BAD1", oops',
      JSON.stringify(noIdentifier),
    ]);
    expect(header(letters[0]!, deadLetterHeaders.reason)).toMatch(/^not JSON/);
    expect(header(letters[1]!, deadLetterHeaders.reason)).toBe(
      'no identifier: one of union_id, open_id, device_id is required',
    );
    expect(header(letters[0]!, deadLetterHeaders.offset)).toBe('0');
    expect(runner?.status()).toMatchObject({ state: 'running', written: 1, rejected: 2 });
  });

  it('dead-letters an event with an oversize identifier and drops invisible placeholders (issue 12)', async () => {
    db = await freshDatabase();
    const { settings } = start(db);
    const good = JSON.parse(seedLines[0] as string) as Record<string, unknown>;
    const oversize = { ...good, event_id: 'BIG1', union_id: 'U'.repeat(20_000) };
    const invisible = {
      ...good,
      event_id: 'INV1',
      union_id: '\u200b',
      open_id: 'null\u0000',
      device_id: 'DEVINV1',
    };
    await produce(services.kafka.brokers, settings.topic, [
      JSON.stringify(oversize),
      JSON.stringify(invisible),
      JSON.stringify({ ...good, event_id: 'GOOD2' }),
    ]);
    await committed(settings, 3);

    expect((await eventFacts(db)).map((e) => e.eventId).sort()).toEqual(['GOOD2', 'INV1']);
    const [letter] = await readTopic(services.kafka.brokers, settings.deadLetterTopic, 1);
    expect(letter?.value.toString()).toBe(JSON.stringify(oversize));
    expect(header(letter!, deadLetterHeaders.reason)).toBe('union_id longer than 256 characters');
    const odd = await db.driver.executeQuery(
      "MATCH (i:Identifier) WHERE i.value IN ['', 'null'] OR i.value CONTAINS '\\u200b' OR i.value CONTAINS '\\u0000' OR size(i.value) > 256 RETURN count(i) AS c",
    );
    expect((odd.records[0]?.get('c') as { toNumber(): number }).toNumber()).toBe(0);
    expect(runner?.status()).toMatchObject({ state: 'running', rejected: 1 });
  });

  it('retries while the broker is down and resumes from the committed offset, skipping nothing', async () => {
    db = await freshDatabase();
    const { settings } = start(db);
    const lines = seedLines.map((l) => l.replace(/"EVT/, '"OUT'));
    await produce(services.kafka.brokers, settings.topic, lines.slice(0, 5));
    await committed(settings, 5);
    const { kafka } = streamServers();
    await kafka.stop();
    await eventually(
      async () => (runner?.status().state !== 'running' ? true : undefined),
      60_000,
      'the stream to notice',
    );
    await kafka.start();
    await produce(services.kafka.brokers, settings.topic, lines.slice(5));
    await committed(settings, lines.length);
    expect((await eventFacts(db)).map((e) => e.eventId)).toHaveLength(lines.length);
    expect(runner?.status().state).toBe('running');
  });
});
