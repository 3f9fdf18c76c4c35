import { ApolloServer } from '@apollo/server';
import { register as globalRegistry, type Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { operationMetricsPlugin } from '../../../src/graphql/operation-metrics-plugin.js';
import { OperationNames } from '../../../src/metrics/operation-names.js';
import { ServiceMetrics, timed } from '../../../src/metrics/service-metrics.js';

const HISTOGRAMS = [
  'oneid_graphql_operation_duration_seconds',
  'oneid_resolve_id_duration_seconds',
  'oneid_external_function_duration_seconds',
  'oneid_ingest_batch_duration_seconds',
];

/** The `_count` of one labelled series, 0 when absent. */
async function count(histogram: Histogram<string>, labels: Record<string, string>) {
  const { values } = await histogram.get();
  const series = values.find(
    (v) =>
      v.metricName?.endsWith('_count') &&
      Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return series?.value ?? 0;
}

describe('ServiceMetrics', () => {
  it('keeps its histograms in a registry of its own, never the global one', async () => {
    const a = new ServiceMetrics();
    const b = new ServiceMetrics();
    for (const name of HISTOGRAMS) {
      expect(a.registry.getSingleMetric(name)).toBeDefined();
      expect(globalRegistry.getSingleMetric(name)).toBeUndefined();
    }
    a.resolveIdDuration.observe({ call: 'resolveId' }, 0.007);
    expect(await count(a.resolveIdDuration, { call: 'resolveId' })).toBe(1);
    expect(await count(b.resolveIdDuration, { call: 'resolveId' })).toBe(0);
  });

  it('adds the default process, heap, GC and event-loop metrics once, to its registry only', async () => {
    const metrics = new ServiceMetrics();
    expect(metrics.registry.getSingleMetric('nodejs_eventloop_lag_seconds')).toBeUndefined();
    metrics.collectDefaults();
    metrics.collectDefaults();
    const text = await metrics.registry.metrics();
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_heap_size_used_bytes',
      'process_cpu_seconds_total',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(globalRegistry.getSingleMetric('nodejs_eventloop_lag_seconds')).toBeUndefined();
    // a second app in the same process does not collide
    new ServiceMetrics().collectDefaults();
  });

  it('times a batch that resolves and one that rejects', async () => {
    const metrics = new ServiceMetrics();
    expect(await metrics.timeBatch('kafka', async () => 3)).toBe(3);
    await expect(
      metrics.timeBatch('kafka', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await count(metrics.ingestBatchDuration, { source: 'kafka' })).toBe(2);
    await timed(metrics.externalFunctionDuration, {}, async () => undefined);
    expect(await count(metrics.externalFunctionDuration, {})).toBe(1);
  });

  it('has buckets around resolveId latencies (p50 ~7 ms, p99 ~17 ms)', async () => {
    const metrics = new ServiceMetrics();
    metrics.resolveIdDuration.observe({ call: 'resolveId' }, 0.007);
    const text = await metrics.registry.getSingleMetricAsString(
      'oneid_resolve_id_duration_seconds',
    );
    const les = [...text.matchAll(/le="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(les.filter((le) => le >= 0.005 && le <= 0.02).length).toBeGreaterThanOrEqual(4);
  });
});

describe('OperationNames', () => {
  it('labels a missing name "anonymous" and cuts long names', () => {
    const names = new OperationNames(10, 8);
    expect(names.label(undefined)).toBe('anonymous');
    expect(names.label(null)).toBe('anonymous');
    expect(names.label('')).toBe('anonymous');
    expect(names.label('PersonPage')).toBe('PersonPa');
  });

  it('counts new names beyond the cap as "other", and keeps the names it has', () => {
    const names = new OperationNames(2);
    expect(names.label('A')).toBe('A');
    expect(names.label('B')).toBe('B');
    expect(names.label('C')).toBe('other');
    expect(names.label('A')).toBe('A');
    for (let i = 0; i < 1000; i++) expect(names.label(`Op${i}`)).toBe('other');
  });
});

describe('operationMetricsPlugin', () => {
  const serve = (metrics: ServiceMetrics) =>
    new ApolloServer({
      typeDefs: 'type Query { hello: String }',
      resolvers: { Query: { hello: () => 'world' } },
      plugins: [operationMetricsPlugin(metrics.graphqlDuration)],
    });

  it('observes each operation by the name in its document, never the client-sent one', async () => {
    const metrics = new ServiceMetrics();
    const server = serve(metrics);
    await server.start();
    try {
      await server.executeOperation({ query: 'query PersonPage { hello }' });
      await server.executeOperation({ query: 'query PersonPage { hello }' });
      await server.executeOperation({ query: '{ hello }' });
      // a name the document does not hold: refused, and not a label
      await server.executeOperation({
        query: 'query PersonPage { hello }',
        operationName: 'mobile_13800000000',
      });
      await server.executeOperation({ query: 'query Broken {' });
      const text = await metrics.registry.metrics();
      expect(text).toContain(
        'oneid_graphql_operation_duration_seconds_count{operation="PersonPage"} 2',
      );
      expect(text).toContain(
        'oneid_graphql_operation_duration_seconds_count{operation="anonymous"} 3',
      );
      expect(text).not.toContain('mobile_13800000000');
      expect(text).not.toContain('operation="Broken"');
    } finally {
      await server.stop();
    }
  });
});
