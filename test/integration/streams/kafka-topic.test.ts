import { Admin } from '@platformatic/kafka';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTopic } from '../../../src/ingest/kafka/ensure-topic.js';
import { produce } from '../../support/kafka-client.js';
import { streamServices } from '../../support/stream-app.js';
import type { StreamServices } from '../../support/streams.js';

let services: StreamServices;
const suffix = `${Date.now()}`;

beforeAll(async () => {
  services = await streamServices();
});

async function partitionsOf(topic: string): Promise<number | undefined> {
  const admin = new Admin({ clientId: 'oneid-test', bootstrapBrokers: services.kafka.brokers });
  try {
    const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
    return metadata.topics.get(topic)?.partitionsCount;
  } finally {
    await admin.close();
  }
}

describe('ensureTopic (ONEID_KAFKA_PARTITIONS)', () => {
  it('creates a missing topic with the configured partitions, once among racing replicas', async () => {
    const topic = `topic_new_${suffix}`;
    const logs: string[] = [];
    const options = {
      clientId: 'oneid-test',
      brokers: services.kafka.brokers,
      topic,
      partitions: 3,
      log: (line: string) => logs.push(line),
    };
    expect(await Promise.all([ensureTopic(options), ensureTopic(options)])).toEqual([3, 3]);
    expect(await partitionsOf(topic)).toBe(3);
    expect(logs.filter((l) => l.includes('created topic'))).toHaveLength(1);
    expect(logs.join('\n')).not.toMatch(/WARNING/);
  });

  it('leaves an existing topic as it is and says so when it has fewer partitions', async () => {
    const topic = `topic_old_${suffix}`;
    // auto-created by a producer: the broker's num.partitions (1)
    await produce(services.kafka.brokers, topic, ['{}']);
    const logs: string[] = [];
    const count = await ensureTopic({
      clientId: 'oneid-test',
      brokers: services.kafka.brokers,
      topic,
      partitions: 4,
      log: (line) => logs.push(line),
    });
    expect(count).toBe(1);
    expect(await partitionsOf(topic)).toBe(1);
    expect(logs).toEqual([
      `[kafka] WARNING: topic ${topic} has 1 partition(s), fewer than ONEID_KAFKA_PARTITIONS=4: at most 1 replica(s) consume it (add partitions with kafka-topics.sh --alter)`,
    ]);
  });
});
