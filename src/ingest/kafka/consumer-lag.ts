import type { Consumer } from '@platformatic/kafka';

/**
 * Messages of `topic` not yet committed by the consumer's group: the sum over partitions
 * of (latest offset − committed offset); a partition without a commit counts from 0.
 */
export async function consumerLag(
  consumer: Consumer<Buffer, Buffer, Buffer, Buffer>,
  topic: string,
): Promise<number> {
  const latest = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
  const partitions = latest.map((_, i) => i);
  const committed =
    (await consumer.listCommittedOffsets({ topics: [{ topic, partitions }] })).get(topic) ?? [];
  let lag = 0n;
  latest.forEach((end, i) => {
    const done = committed[i] ?? -1n;
    lag += end - (done < 0n ? 0n : done);
  });
  return Number(lag);
}
