import { Consumer, ProduceAcks, Producer, type MessagesStream } from '@platformatic/kafka';
import type { KafkaIngestConfig } from '../../config.js';
import type { AppEvent } from '../../events/app-event.js';
import { normalizeEventIds } from '../../events/event-identifiers.js';
import { writeEvents } from '../../events/event-writer.js';
import type { IdentityService } from '../../identity/identity-service.js';
import { BatchQueue } from '../batch-queue.js';
import { OrderedPipeline } from '../ordered-pipeline.js';
import { untimed, type BatchTimer } from '../batch-timer.js';
import { SupervisedStream } from '../supervised-stream.js';
import { consumerLag } from './consumer-lag.js';
import { ensureTopic } from './ensure-topic.js';
import { decodeEvent } from './decode-event.js';
import { deadLetter, type DeadLetter, type KafkaMessage } from './dead-letter.js';

export interface KafkaIngestOptions {
  readonly identity: IdentityService;
  readonly eventLinkConfidence: Readonly<Record<string, number>>;
  readonly settings: KafkaIngestConfig;
  /** host:port of the brokers (the configured ones, or the local broker's). */
  readonly brokers: readonly string[];
  readonly maxBackoffMs: number;
  readonly log?: (line: string) => void;
  /** Times each batch (`source` "kafka"); none by default. */
  readonly metrics?: BatchTimer;
  /** Writes a batch of decoded events to the graph; `writeEvents` by default (benches swap it). */
  readonly write?: EventBatchWriter;
}

/** Stores a batch of valid events in one transaction; resolves once it is committed. */
export type EventBatchWriter = (events: readonly AppEvent[]) => Promise<unknown>;

type Stream = MessagesStream<Buffer, Buffer, Buffer, Buffer>;

/**
 * App events from a Kafka topic into the graph, at least once: each batch is written in one
 * transaction, invalid messages are sent to the dead-letter topic, and only then are the
 * offsets committed. Up to `settings.writers` batches are written at once, their offsets
 * committed in order (see OrderedPipeline). Redelivered events change nothing (event_id
 * deduplication).
 *
 * Replicas in one consumer group share the topic's partitions; when one joins or dies the
 * group rebalances. A batch read from a partition that was revoked meanwhile is still
 * written, but its offset is not committed: the partition's new owner reads it again from
 * the last commit (a redelivery, never a loss, since a commit always follows the write).
 */
export class KafkaIngest extends SupervisedStream {
  constructor(private readonly opts: KafkaIngestOptions) {
    super('kafka', opts.maxBackoffMs, opts.log);
  }

  /** One connection to the brokers: consumes until it fails or `signal` aborts. */
  protected async session(signal: AbortSignal): Promise<void> {
    const { settings } = this.opts;
    await ensureTopic({
      clientId: settings.clientId,
      brokers: this.opts.brokers,
      topic: settings.topic,
      partitions: settings.partitions,
      log: this.log,
    });
    const base = {
      clientId: settings.clientId,
      bootstrapBrokers: [...this.opts.brokers],
      autocreateTopics: true,
      retries: 3,
      timeout: 15_000,
    };
    const consumer = new Consumer<Buffer, Buffer, Buffer, Buffer>({
      ...base,
      groupId: settings.groupId,
      sessionTimeout: 10_000,
      rebalanceTimeout: 15_000,
      heartbeatInterval: 1_000,
      maxWaitTime: 500,
    });
    const producer = new Producer<Buffer, Buffer, Buffer, Buffer>({
      ...base,
      acks: ProduceAcks.ALL,
    });
    const queue = new BatchQueue<KafkaMessage>();
    let failure: Error | undefined;
    const fail = (error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
      queue.close();
    };
    // the next batch is decoded and written while the previous ones are still in Neo4j
    const pipeline = new OrderedPipeline(settings.writers, fail);
    const onAbort = () => queue.close();
    signal.addEventListener('abort', onAbort);
    const lagTimer = setInterval(() => {
      consumerLag(consumer, settings.topic).then(
        (lag) => (this.stats.lag = lag),
        () => undefined,
      );
    }, 5_000);
    const owned = () => assignedPartitions(consumer, settings.topic);
    const onJoin = () => {
      this.stats.partitions = owned();
      this.log(
        `[kafka] joined group ${settings.groupId}: partitions [${this.stats.partitions.join(', ')}] of ${settings.topic}`,
      );
    };
    consumer.on('consumer:group:join', onJoin);
    const assignmentTimer = setInterval(() => (this.stats.partitions = owned()), 1_000);
    let stream: Stream | undefined;
    try {
      stream = await consumer.consume({
        topics: [settings.topic],
        mode: 'committed',
        fallbackMode: 'earliest',
        autocommit: false,
      });
      const active = stream;
      // Back-pressure: stop fetching while a few batches wait for the graph.
      active.on('data', (message: KafkaMessage) => {
        queue.push(message);
        if (queue.length >= settings.batchSize * 4) active.pause();
      });
      active.on('error', fail);
      active.on('close', () => fail(new Error('the Kafka consumer stream closed')));
      this.stats.state = 'running';
      this.log(
        `[kafka] consuming ${settings.topic} as group ${settings.groupId} from ${this.opts.brokers.join(',')}`,
      );
      while (!signal.aborted && failure === undefined) {
        const batch = await queue.take(settings.batchSize, settings.lingerMs);
        if (batch.length === 0 || signal.aborted || failure !== undefined) break;
        if (active.isPaused() && queue.length < settings.batchSize) active.resume();
        // decoded while the previous batch is still being written
        const { events, dead } = this.decodeBatch(batch);
        await pipeline.submit(
          () =>
            (this.opts.metrics ?? untimed).timeBatch('kafka', async () => {
              if (events.length > 0) await this.write(events);
              if (dead.length > 0) await producer.send({ messages: dead, acks: ProduceAcks.ALL });
            }),
          async () => {
            await commitOffsets(batch, consumer.assignments === null ? null : new Set(owned()));
            this.stats.wrote(events.length, dead.length);
          },
        );
      }
      await pipeline.drain();
      if (failure !== undefined && !signal.aborted) throw failure;
    } finally {
      await pipeline.drain();
      signal.removeEventListener('abort', onAbort);
      clearInterval(lagTimer);
      clearInterval(assignmentTimer);
      consumer.removeListener('consumer:group:join', onJoin);
      this.stats.partitions = [];
      await stream?.close().catch(() => undefined);
      await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
      await new Promise<void>((resolve) => producer.close(true, () => resolve()));
    }
  }

  private write(events: readonly AppEvent[]): Promise<unknown> {
    return this.opts.write
      ? this.opts.write(events)
      : writeEvents(this.opts.identity, events, this.opts.eventLinkConfidence);
  }

  /** Valid events, normalized, and the dead letters of the others. */
  private decodeBatch(batch: readonly KafkaMessage[]) {
    const events: AppEvent[] = [];
    const dead: DeadLetter[] = [];
    for (const message of batch) {
      const decoded = decodeEvent(message.value, (e) => normalizeEventIds(this.opts.identity, e));
      if (decoded.ok) events.push(decoded.event);
      else dead.push(deadLetter(this.opts.settings.deadLetterTopic, message, decoded.reason));
    }
    return { events, dead };
  }
}

/**
 * Commits, per partition, the offset after the batch's last message; skips the partitions
 * this consumer no longer owns (revoked by a rebalance while the batch was written). With
 * no assignment known (`owned` null: joining) it commits them all; a commit the group
 * refuses is retried by the client after it rejoins. After every join the stream reads
 * each assigned partition again from its committed offset, so a skipped commit is a
 * redelivery.
 */
async function commitOffsets(
  batch: readonly KafkaMessage[],
  owned: ReadonlySet<number> | null,
): Promise<void> {
  await Promise.all(
    [...lastPerPartition(batch).values()]
      .filter((message) => owned === null || owned.has(message.partition))
      .map((message) => message.commit()),
  );
}

/** The partitions of `topic` the group assigned to `consumer` now, ascending. */
function assignedPartitions(consumer: Consumer<Buffer, Buffer, Buffer, Buffer>, topic: string) {
  const assignment = consumer.assignments?.find((a) => a.topic === topic);
  return [...(assignment?.partitions ?? [])].sort((a, b) => a - b);
}

function lastPerPartition(batch: readonly KafkaMessage[]): Map<string, KafkaMessage> {
  const last = new Map<string, KafkaMessage>();
  for (const message of batch) last.set(`${message.topic}:${message.partition}`, message);
  return last;
}
