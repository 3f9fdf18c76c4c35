import { Counter, Gauge, type Registry } from 'prom-client';
import type { StreamStatus } from './stream-status.js';

interface StreamMetric {
  readonly name: string;
  readonly type: 'counter' | 'gauge';
  readonly help: string;
  /** Undefined: the stream has no such value (left out). */
  readonly value: (s: StreamStatus, now: number) => number | undefined;
}

const metrics: readonly StreamMetric[] = [
  {
    name: 'oneid_ingest_up',
    type: 'gauge',
    help: '1 while the stream is connected and writing, 0 while it starts, retries or is stopped.',
    value: (s) => (s.state === 'running' ? 1 : 0),
  },
  {
    name: 'oneid_ingest_standby',
    type: 'gauge',
    help: 'CDC: 1 while another replica holds the binlog lease and this one waits to take over.',
    value: (s) => (s.name === 'cdc' ? (s.state === 'standby' ? 1 : 0) : undefined),
  },
  {
    name: 'oneid_ingest_assigned_partitions',
    type: 'gauge',
    help: 'Kafka: partitions of the topic assigned to this replica by the consumer group.',
    value: (s) => s.partitions?.length,
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
 * Registers the streams' metrics in `registry`: one series per stream labelled
 * `stream="kafka"|"cdc"`, read from `statuses()` at every scrape (the counters are the
 * runners' own totals, so they are set, not incremented). `statuses` must not throw.
 */
export function registerStreamMetrics(
  registry: Registry,
  statuses: () => readonly StreamStatus[],
  now: () => number = Date.now,
): void {
  for (const metric of metrics) {
    const config = {
      name: metric.name,
      help: metric.help,
      labelNames: ['stream'] as const,
      registers: [registry],
    };
    const fill = (set: (stream: string, value: number) => void) => {
      const at = now();
      for (const s of statuses()) {
        const value = metric.value(s, at);
        if (value !== undefined) set(s.name, value);
      }
    };
    if (metric.type === 'counter')
      new Counter({
        ...config,
        collect() {
          this.reset();
          fill((stream, value) => this.inc({ stream }, value));
        },
      });
    else
      new Gauge({
        ...config,
        collect() {
          this.reset();
          fill((stream, value) => this.set({ stream }, value));
        },
      });
  }
  new Gauge({
    name: 'oneid_ingest_lease_holder',
    help: 'CDC: 1 for the replica that holds the binlog lease (label holder), as this replica last saw it.',
    labelNames: ['stream', 'holder'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of statuses())
        if (s.leaseHolder !== null) this.set({ stream: s.name, holder: s.leaseHolder }, 1);
    },
  });
  new Gauge({
    name: 'oneid_ingest_partition_assigned',
    help: 'Kafka: 1 for each partition of the topic (label partition) this replica consumes.',
    labelNames: ['stream', 'partition'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of statuses())
        for (const partition of s.partitions ?? [])
          this.set({ stream: s.name, partition: String(partition) }, 1);
    },
  });
}
