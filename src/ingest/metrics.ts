import type { StreamStatus } from './stream-status.js';

interface Metric {
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  /** Undefined: the stream has no such value (left out). */
  readonly value: (s: StreamStatus, now: number) => number | undefined;
}

const metrics: readonly Metric[] = [
  {
    name: 'oneid_ingest_up',
    type: 'gauge',
    help: '1 while the stream is connected and writing, 0 while it starts, retries or is stopped.',
    value: (s) => (s.state === 'running' ? 1 : 0),
  },
  {
    name: 'oneid_ingest_records_total',
    type: 'counter',
    help: 'Records (events, row changes) written to the graph.',
    value: (s) => s.written,
  },
  {
    name: 'oneid_ingest_records_per_second',
    type: 'gauge',
    help: 'Records written per second over the last 10 seconds.',
    value: (s) => s.perSecond,
  },
  {
    name: 'oneid_ingest_dead_letters_total',
    type: 'counter',
    help: 'Records set aside as invalid: sent to the dead-letter topic (Kafka) or rejected (CDC).',
    value: (s) => s.rejected,
  },
  {
    name: 'oneid_ingest_failures',
    type: 'gauge',
    help: 'Failed attempts since the last successful write (retrying with back-off).',
    value: (s) => s.failures,
  },
  {
    name: 'oneid_ingest_last_write_timestamp_seconds',
    type: 'gauge',
    help: 'Unix time of the last successful graph write and position commit.',
    value: (s) => (s.lastWriteAt === null ? undefined : s.lastWriteAt / 1000),
  },
  {
    name: 'oneid_ingest_seconds_since_last_write',
    type: 'gauge',
    help: 'Seconds since the last successful graph write.',
    value: (s, now) => (s.lastWriteAt === null ? undefined : (now - s.lastWriteAt) / 1000),
  },
  {
    name: 'oneid_ingest_consumer_lag',
    type: 'gauge',
    help: 'Kafka messages not yet committed by the consumer group.',
    value: (s) => s.lag ?? undefined,
  },
  {
    name: 'oneid_ingest_seconds_behind_source',
    type: 'gauge',
    help: 'CDC: age of the oldest binlog change not yet in the graph (0 when caught up).',
    value: (s) => s.secondsBehind ?? undefined,
  },
];

/**
 * The streams' status in the Prometheus text exposition format (version 0.0.4), one
 * series per stream labelled `stream="kafka"|"cdc"`. Serve with
 * `Content-Type: text/plain; version=0.0.4; charset=utf-8`. This function does not throw.
 */
export function renderMetrics(statuses: readonly StreamStatus[], now = Date.now()): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`);
    for (const s of statuses) {
      const value = metric.value(s, now);
      if (value !== undefined) lines.push(`${metric.name}{stream="${s.name}"} ${format(value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export const metricsContentType = 'text/plain; version=0.0.4; charset=utf-8';

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
