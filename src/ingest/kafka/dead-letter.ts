import type { Message, MessageToProduce } from '@platformatic/kafka';

export type KafkaMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/** Headers a dead letter carries besides the original key, value and headers. */
export const deadLetterHeaders = {
  reason: 'oneid.dlq.reason',
  topic: 'oneid.dlq.topic',
  partition: 'oneid.dlq.partition',
  offset: 'oneid.dlq.offset',
} as const;

export type DeadLetter = MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

/** The record sent to the dead-letter topic for a message that could not be stored. */
export function deadLetter(topic: string, message: KafkaMessage, reason: string): DeadLetter {
  const headers = new Map<Buffer, Buffer>(message.headers);
  headers.set(Buffer.from(deadLetterHeaders.reason), Buffer.from(reason));
  headers.set(Buffer.from(deadLetterHeaders.topic), Buffer.from(message.topic));
  headers.set(Buffer.from(deadLetterHeaders.partition), Buffer.from(String(message.partition)));
  headers.set(Buffer.from(deadLetterHeaders.offset), Buffer.from(String(message.offset)));
  return {
    topic,
    ...(message.key ? { key: message.key } : {}),
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}
