import { Consumer, ProduceAcks, Producer, type Message } from '@platformatic/kafka';

/** Sends raw values to a topic, in order, in chunks. */
export async function produce(
  brokers: readonly string[],
  topic: string,
  values: readonly (string | Buffer)[],
  chunk = 1_000,
): Promise<void> {
  const producer = new Producer<Buffer, Buffer, Buffer, Buffer>({
    clientId: 'oneid-test',
    bootstrapBrokers: [...brokers],
    autocreateTopics: true,
  });
  try {
    for (let i = 0; i < values.length; i += chunk) {
      const messages = values
        .slice(i, i + chunk)
        .map((v) => ({ topic, value: Buffer.isBuffer(v) ? v : Buffer.from(v) }));
      await sendRetryingNewTopic(() => producer.send({ messages, acks: ProduceAcks.ALL }));
    }
  } finally {
    await producer.close();
  }
}

/**
 * A topic that is auto-created by the first send can be unknown to the broker's metadata for
 * a moment (seen on a freshly started broker): retry that one error briefly.
 */
async function sendRetryingNewTopic(send: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      if (attempt >= 20 || !/Unknown topic/i.test(String((error as Error).message))) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The group's committed offsets of a topic, summed over partitions (0 when none). */
export async function committedTotal(
  brokers: readonly string[],
  topic: string,
  groupId: string,
): Promise<number> {
  const consumer = new Consumer({
    clientId: 'oneid-test-offsets',
    groupId,
    bootstrapBrokers: [...brokers],
  });
  try {
    const latest = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
    const committed =
      (
        await consumer.listCommittedOffsets({
          topics: [{ topic, partitions: latest.map((_, i) => i) }],
        })
      ).get(topic) ?? [];
    return committed.reduce((sum, c) => sum + (c < 0n ? 0 : Number(c)), 0);
  } finally {
    await consumer.close();
  }
}

/** Reads the first `count` messages of a topic from the beginning (no group commits). */
export async function readTopic(
  brokers: readonly string[],
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<Message<Buffer, Buffer, Buffer, Buffer>[]> {
  const consumer = new Consumer<Buffer, Buffer, Buffer, Buffer>({
    clientId: 'oneid-test-reader',
    groupId: `reader-${Date.now()}-${Math.random()}`,
    bootstrapBrokers: [...brokers],
    autocreateTopics: true,
  });
  const out: Message<Buffer, Buffer, Buffer, Buffer>[] = [];
  try {
    const stream = await consumer.consume({
      topics: [topic],
      mode: 'earliest',
      autocommit: false,
      maxWaitTime: 500,
    });
    const timer = setTimeout(() => void stream.close(), timeoutMs);
    for await (const message of stream) {
      out.push(message);
      if (out.length >= count) break;
    }
    clearTimeout(timer);
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return out;
}

export function header(
  message: Message<Buffer, Buffer, Buffer, Buffer>,
  name: string,
): string | undefined {
  for (const [key, value] of message.headers) if (key.toString() === name) return value.toString();
  return undefined;
}
