import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerStreamMetrics } from '../../../src/ingest/metrics.js';
import { streamsNotReadyReason, streamsReadiness } from '../../../src/ingest/readiness.js';
import type { StreamStatus } from '../../../src/ingest/stream-status.js';

const kafka: StreamStatus = {
  name: 'kafka',
  state: 'running',
  written: 1200,
  perSecond: 40.5,
  rejected: 2,
  lastWriteAt: 1_700_000_000_000,
  failures: 0,
  lastError: null,
  lag: 7,
  secondsBehind: null,
  leaseHolder: null,
  partitions: [0, 2],
};
const cdc: StreamStatus = {
  name: 'cdc',
  state: 'retrying',
  written: 3,
  perSecond: 0,
  rejected: 0,
  lastWriteAt: null,
  failures: 2,
  lastError: 'connect ECONNREFUSED',
  lag: null,
  secondsBehind: 0,
  leaseHolder: null,
  partitions: null,
};
const standby: StreamStatus = {
  ...cdc,
  state: 'standby',
  failures: 0,
  lastError: null,
  leaseHolder: 'host-b:42:0a1b2c',
};

describe('registerStreamMetrics', () => {
  it('renders one labelled series per stream in the Prometheus text format', async () => {
    const registry = new Registry();
    registerStreamMetrics(
      registry,
      () => [kafka, cdc],
      () => 1_700_000_010_000,
    );
    const text = await registry.metrics();
    expect(text).toContain('# TYPE oneid_ingest_records_total counter');
    expect(text).toContain('# TYPE oneid_ingest_records_per_second gauge');
    expect(text).toContain('oneid_ingest_records_total{stream="kafka"} 1200');
    expect(text).toContain('oneid_ingest_records_per_second{stream="kafka"} 40.5');
    expect(text).toContain('oneid_ingest_dead_letters_total{stream="kafka"} 2');
    expect(text).toContain('oneid_ingest_consumer_lag{stream="kafka"} 7');
    expect(text).toContain('oneid_ingest_seconds_behind_source{stream="cdc"} 0');
    expect(text).toContain('oneid_ingest_last_write_timestamp_seconds{stream="kafka"} 1700000000');
    expect(text).toContain('oneid_ingest_seconds_since_last_write{stream="kafka"} 10');
    expect(text).toContain('oneid_ingest_up{stream="cdc"} 0');
    expect(text).not.toContain('oneid_ingest_consumer_lag{stream="cdc"}');
    expect(text).toContain('oneid_ingest_assigned_partitions{stream="kafka"} 2');
    expect(text).toContain('oneid_ingest_partition_assigned{stream="kafka",partition="2"} 1');
    expect(text).toContain('oneid_ingest_standby{stream="cdc"} 0');
    expect(text).not.toContain('oneid_ingest_standby{stream="kafka"}');
    // prom-client puts a blank line between metrics
    for (const line of text.split('\n').filter((l) => l !== ''))
      expect(line).toMatch(
        /^(# (HELP|TYPE) \w+ .+|\w+\{stream="\w+"(,partition="\d+")?\} -?\d+(\.\d+)?)$/,
      );
  });

  it('names the binlog lease holder of a replica on standby', async () => {
    const registry = new Registry();
    registerStreamMetrics(registry, () => [kafka, standby]);
    const text = await registry.metrics();
    expect(text).toContain('oneid_ingest_standby{stream="cdc"} 1');
    expect(text).toContain('oneid_ingest_up{stream="cdc"} 0');
    expect(text).toContain('oneid_ingest_lease_holder{stream="cdc",holder="host-b:42:0a1b2c"} 1');
  });

  it('reads the statuses again at every scrape: counters are set to the totals, not added', async () => {
    const registry = new Registry();
    let written = 5;
    registerStreamMetrics(registry, () => [{ ...kafka, written }]);
    expect(await registry.metrics()).toContain('oneid_ingest_records_total{stream="kafka"} 5');
    written = 8;
    expect(await registry.metrics()).toContain('oneid_ingest_records_total{stream="kafka"} 8');
  });
});

describe('readiness', () => {
  it('is not ready while a stream retries, and says why', () => {
    expect(streamsReadiness([kafka]).ready).toBe(true);
    expect(streamsReadiness([kafka, cdc]).ready).toBe(false);
    expect(streamsNotReadyReason([kafka, cdc])).toBe(
      'stream cdc is retrying (connect ECONNREFUSED)',
    );
    expect(streamsNotReadyReason([kafka])).toBeUndefined();
  });

  it('is ready on standby: another replica follows the binlog', () => {
    expect(streamsReadiness([kafka, standby]).ready).toBe(true);
    expect(streamsNotReadyReason([kafka, standby])).toBeUndefined();
  });
});
