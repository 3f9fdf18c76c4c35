/**
 * End-to-end Kafka throughput into the graph: produces N generated app events to a fresh
 * topic while the consumer runs, and measures until the group's committed offset covers
 * them all (every event written to Neo4j before its offset is committed). A warm-up of
 * WARM_UP events goes first, measured apart: a freshly started Neo4j compiles its query plans
 * and JIT-compiles its write path during the first seconds, and a running service is warm.
 * Prints one JSON object. Usage: npm run bench -- kafka [N=100000]
 * Uses the stream test services (Kafka 19092, MariaDB unused) and its own Neo4j instance.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { KafkaIngest } from '../src/ingest/kafka/kafka-ingest.js';
import { generateEvents } from '../test/support/app-event-generator.js';
import { committedTotal, produce } from '../test/support/kafka-client.js';
import { ensureStreamServices } from '../test/support/streams.js';
import { benchDatabase } from './support/bench-db.js';

const WARM_UP = 20_000;

async function main(count: number): Promise<void> {
  const services = await ensureStreamServices();
  const { db } = await benchDatabase();
  const runId = `bench${Date.now()}`;
  const config = loadConfig({
    ...process.env,
    ONEID_KAFKA_TOPIC: `bench_${runId}`,
    ONEID_KAFKA_GROUP_ID: `bench_${runId}`,
  });
  const app = createApp(config, db);
  const brokers = services.kafka.brokers;
  const { topic, groupId, batchSize } = config.ingest.kafka;
  const runner = new KafkaIngest({
    identity: app.identity,
    eventLinkConfidence: config.identity.eventLinkConfidence,
    settings: config.ingest.kafka,
    brokers,
    maxBackoffMs: 2_000,
    log: () => undefined,
  });
  const warmUp = generateEvents(WARM_UP, `${runId}w`);
  const lines = generateEvents(count, runId);
  await produce(brokers, topic, warmUp.slice(0, 1)); // creates the topic
  runner.start();
  while ((await committedTotal(brokers, topic, groupId)) < 1) await sleep(100);
  const warmStarted = performance.now();
  await produce(brokers, topic, warmUp.slice(1));
  while ((await committedTotal(brokers, topic, groupId)) < WARM_UP) await sleep(100);
  const warmSeconds = (performance.now() - warmStarted) / 1000;

  const started = performance.now();
  await produce(brokers, topic, lines);
  const produced = performance.now();
  while ((await committedTotal(brokers, topic, groupId)) < WARM_UP + count) await sleep(100);
  const finished = performance.now();
  const status = runner.status();
  await runner.stop();
  await db.close();

  const seconds = (finished - started) / 1000;
  console.log(
    JSON.stringify({
      bench: 'kafka-end-to-end',
      events: count,
      batchSize,
      warmUp: { events: WARM_UP - 1, eventsPerSecond: Math.round((WARM_UP - 1) / warmSeconds) },
      produceSeconds: Number(((produced - started) / 1000).toFixed(2)),
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(count / seconds),
      target: 5000,
      written: status.written,
      deadLetters: status.rejected,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

main(Number(process.argv[2] ?? 100_000)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
