import { Admin } from '@platformatic/kafka';

export interface EnsureTopicOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  /** Partitions of the topic when it is created here. */
  readonly partitions: number;
  readonly log: (line: string) => void;
}

/**
 * Creates `topic` with `partitions` partitions (the brokers' default replication) when it
 * is missing; an existing topic is left as it is, with a warning in the log when it has
 * fewer partitions than asked (replicas beyond its partition count then consume nothing).
 * Two replicas creating it at once is fine. Resolves with the topic's partition count;
 * undefined when the brokers refused to create it (left to the consumer, as before).
 */
export async function ensureTopic(opts: EnsureTopicOptions): Promise<number | undefined> {
  const admin = new Admin({
    clientId: opts.clientId,
    bootstrapBrokers: [...opts.brokers],
    retries: 3,
    timeout: 15_000,
  });
  try {
    try {
      await admin.createTopics({ topics: [opts.topic], partitions: opts.partitions });
      opts.log(`[kafka] created topic ${opts.topic} with ${opts.partitions} partition(s)`);
      return opts.partitions;
    } catch (error) {
      if (!alreadyExists(error)) {
        // e.g. no CreateTopics permission on a managed cluster: consume the topic as it is
        opts.log(
          `[kafka] could not create topic ${opts.topic} (${(error as Error).message}); consuming it as it is`,
        );
        return undefined;
      }
    }
    const metadata = await admin.metadata({ topics: [opts.topic], forceUpdate: true });
    const count = metadata.topics.get(opts.topic)?.partitionsCount ?? 0;
    if (count < opts.partitions)
      opts.log(
        `[kafka] WARNING: topic ${opts.topic} has ${count} partition(s), fewer than ONEID_KAFKA_PARTITIONS=${opts.partitions}: at most ${count} replica(s) consume it (add partitions with kafka-topics.sh --alter)`,
      );
    return count;
  } finally {
    await admin.close();
  }
}

/** The error of a CreateTopics request for a topic that exists (code 36, maybe nested). */
function alreadyExists(error: unknown): boolean {
  const found = (error as { findBy?: (key: string, value: unknown) => unknown }).findBy?.(
    'apiId',
    'TOPIC_ALREADY_EXISTS',
  );
  return Boolean(found) || /already exists/i.test(String((error as Error).message));
}
