/**
 * End-to-end Kafka throughput into the graph (issue 15): `npm run bench -- kafka
 * [--events 100000] [--warmup 20000] [--rounds 1] [--writers old,new,new1,new2,new10k,norec] [--keep]`.
 *
 * Per round and writer, on an emptied graph: a fresh topic and group, the consumer started,
 * then a warm-up of --warmup generated app events and the measured phase of --events, each
 * produced while the consumer runs and timed until the group's committed offsets cover them
 * (every event is in Neo4j before its offset is committed). The phases are reported apart:
 * events/s, batch latency p50/p99 (the graph write of one batch), batches, Neo4j and bench
 * process CPU per event, round trips per batch, and the time per named query.
 * The variants (see VARIANTS) take turns in the same process on the same data shape: `old` is
 * the writer before issue 15 (bench/support/event-writer-v1.ts), `new` the service's.
 * Prints one JSON object; progress on stderr. Runs on the bench Neo4j (Bolt 47687) and the
 * stream test Kafka (ONEID_TEST_KAFKA_PORT, default 19092).
 */
import { createApp } from '../src/app.js';
import type { AppEvent } from '../src/events/app-event.js';
import { writeEvents } from '../src/events/event-writer.js';
import { KafkaIngest, type EventBatchWriter } from '../src/ingest/kafka/kafka-ingest.js';
import type { BatchTimer } from '../src/ingest/batch-timer.js';
import { generateEvents } from '../test/support/app-event-generator.js';
import { committedTotal, produce } from '../test/support/kafka-client.js';
import { ensureStreamServices } from '../test/support/streams.js';
import { cpuMeter } from './lib/cpu.js';
import { progress } from './lib/log.js';
import { wipe, type BenchEnvironment } from './lib/neo4j.js';
import { runBench } from './lib/run.js';
import { median, percentile, round } from './lib/stats.js';
import { writeEventsNoRecords } from './support/event-writer-no-records.js';
import { writeEventsV1 } from './support/event-writer-v1.js';

const TARGET_EVENTS_PER_SECOND = 15_000;

/**
 * old: the writer before issue 15, one batch at a time; new: the service's writer and
 * consumer as configured (ONEID_KAFKA_BATCH_SIZE, ONEID_KAFKA_WRITERS); new1: one batch in
 * the graph at a time (the next decoded meanwhile); new2: two at once; new10k: two at once,
 * 10,000 events a batch; norec: as new, but an event other than a purchase leaves no record
 * (bench/support/event-writer-no-records.ts, a what-if).
 */
const VARIANTS = ['old', 'new', 'new1', 'new2', 'new10k', 'norec'] as const;
type WriterName = (typeof VARIANTS)[number];
const isVariant = (w: string): w is WriterName => (VARIANTS as readonly string[]).includes(w);

runBench(async (env, args) => {
  const events = args.number('events', 100_000);
  const warmUp = args.number('warmup', 20_000);
  const rounds = args.number('rounds', 1);
  const writers = args
    .string('writers', 'old,new')
    .split(',')
    .map((w) => {
      if (!isVariant(w)) throw new Error(`--writers: ${VARIANTS.join(', ')}; got "${w}"`);
      return w;
    });
  const services = await ensureStreamServices();
  const runs: Record<WriterName, Phases[]> = {
    old: [],
    new: [],
    new1: [],
    new2: [],
    new10k: [],
    norec: [],
  };
  for (let r = 1; r <= rounds; r++) {
    for (const writer of writers) {
      await wipe(env.raw);
      const result = await runPhases(env, services.kafka.brokers, writer, warmUp, events);
      progress(
        `round ${r} ${writer}: warm-up ${result.warmUp.eventsPerSecond}/s, measured ${result.measured.eventsPerSecond}/s`,
      );
      runs[writer].push(result);
    }
  }
  const summary: Partial<Record<WriterName, Summary>> = Object.fromEntries(
    writers.map((w) => [
      w,
      {
        warmUpEventsPerSecond: median(runs[w].map((p) => p.warmUp.eventsPerSecond)),
        measuredEventsPerSecond: median(runs[w].map((p) => p.measured.eventsPerSecond)),
        measuredNeo4jCpuUsPerEvent: median(runs[w].map((p) => p.measured.neo4jCpuUsPerEvent)),
        measuredRuns: runs[w].map((p) => p.measured.eventsPerSecond),
      },
    ]),
  );
  const newer = summary.new?.measuredEventsPerSecond;
  const older = summary.old?.measuredEventsPerSecond;
  return {
    bench: 'kafka-end-to-end',
    events,
    batchSize: env.config.ingest.kafka.batchSize,
    writers: env.config.ingest.kafka.writers,
    warmUpEvents: warmUp,
    rounds,
    summary,
    newOverOld: newer && older ? round(newer / older, 2) : null,
    target: TARGET_EVENTS_PER_SECOND,
    met: newer !== undefined ? newer >= TARGET_EVENTS_PER_SECOND : null,
    runs: Object.fromEntries(writers.map((w) => [w, runs[w]])),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
});

interface Summary {
  readonly warmUpEventsPerSecond: number;
  readonly measuredEventsPerSecond: number;
  readonly measuredNeo4jCpuUsPerEvent: number;
  readonly measuredRuns: number[];
}

interface Phase {
  readonly events: number;
  readonly seconds: number;
  readonly produceSeconds: number;
  readonly eventsPerSecond: number;
  readonly batches: number;
  readonly batchEvents: number;
  readonly batchMs: { readonly p50: number; readonly p99: number };
  readonly roundTripsPerBatch: number;
  readonly neo4jCpuUsPerEvent: number;
  readonly benchCpuUsPerEvent: number;
  readonly neo4jMs: Record<string, unknown>;
}

interface Phases {
  readonly warmUp: Phase;
  readonly measured: Phase;
  readonly written: number;
  readonly deadLetters: number;
}

async function runPhases(
  env: BenchEnvironment,
  brokers: readonly string[],
  writer: WriterName,
  warmUp: number,
  count: number,
): Promise<Phases> {
  const runId = `b${Date.now()}${writer}`;
  const app = createApp(env.config, env.timed);
  const settings = {
    ...env.config.ingest.kafka,
    ...(writer === 'old' || writer === 'new1' ? { writers: 1 } : {}),
    ...(writer === 'new2' ? { writers: 2 } : {}),
    ...(writer === 'new10k' ? { writers: 2, batchSize: 10_000 } : {}),
    topic: `bench_${runId}`,
    groupId: `bench_${runId}`,
    deadLetterTopic: `bench_${runId}.dlq`,
  };
  const confidence = env.config.identity.eventLinkConfidence;
  const write: EventBatchWriter =
    writer === 'old'
      ? (events: readonly AppEvent[]) => writeEventsV1(app.identity, events, confidence)
      : writer === 'norec'
        ? (events: readonly AppEvent[]) => writeEventsNoRecords(app.identity, events, confidence)
        : (events: readonly AppEvent[]) => writeEvents(app.identity, events, confidence);
  const latencies: number[] = [];
  const batches: number[] = [];
  const timer: BatchTimer = {
    async timeBatch(_source, run) {
      const started = performance.now();
      try {
        return await run();
      } finally {
        latencies.push(performance.now() - started);
      }
    },
  };
  const runner = new KafkaIngest({
    identity: app.identity,
    eventLinkConfidence: confidence,
    settings,
    brokers,
    maxBackoffMs: 2_000,
    log: () => undefined,
    metrics: timer,
    write: (events) => {
      batches.push(events.length);
      return write(events);
    },
  });
  const warmLines = generateEvents(warmUp, `${runId}w`);
  const lines = generateEvents(count, runId);
  const waitFor = async (total: number) => {
    while ((await committedTotal(brokers, settings.topic, settings.groupId)) < total)
      await sleep(100);
  };
  await produce(brokers, settings.topic, warmLines.slice(0, 1)); // creates the topic
  runner.start();
  try {
    await waitFor(1);
    const phase = async (values: readonly string[], committedAfter: number): Promise<Phase> => {
      env.timed.reset();
      latencies.length = 0;
      batches.length = 0;
      const cpu = cpuMeter(env.local.status().pid);
      const started = performance.now();
      await produce(brokers, settings.topic, values);
      const produced = performance.now();
      await waitFor(committedAfter);
      const seconds = (performance.now() - started) / 1000;
      const used = cpu();
      const neo4jMs = env.timed.report();
      const roundTrips = Object.entries(neo4jMs)
        .filter(([name]) => !name.startsWith('tx '))
        .reduce((sum, [, t]) => sum + t.calls, 0);
      const n = values.length;
      return {
        events: n,
        seconds: round(seconds, 2),
        produceSeconds: round((produced - started) / 1000, 2),
        eventsPerSecond: Math.round(n / seconds),
        batches: batches.length,
        batchEvents: Math.round(median(batches)),
        batchMs: {
          p50: round(percentile(latencies, 0.5), 1),
          p99: round(percentile(latencies, 0.99), 1),
        },
        roundTripsPerBatch: round(roundTrips / Math.max(1, batches.length), 1),
        neo4jCpuUsPerEvent: round((used.neo4jCpuSeconds * 1e6) / n, 1),
        benchCpuUsPerEvent: round((used.selfCpuSeconds * 1e6) / n, 1),
        neo4jMs,
      };
    };
    const warm = await phase(warmLines.slice(1), warmUp);
    const measured = await phase(lines, warmUp + count);
    const status = runner.status();
    return { warmUp: warm, measured, written: status.written, deadLetters: status.rejected };
  } finally {
    await runner.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
