import { Counter, Gauge, type Registry } from 'prom-client';
import { registerStreamMetrics } from '../ingest/metrics.js';
import type { Streams } from '../ingest/streams.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import type { ChangeFeed } from '../rfm/change-feed.js';
import type { RefreshSchedule } from '../rfm/refresh-schedule.js';
import { sendText } from './respond.js';
import type { Route } from './server.js';

/**
 * Registers the service's own metrics in `registry`: the scheduled RFM refresh and its
 * data-quality alerts, read at every scrape. The gauges of the last run are left out
 * before the first run.
 */
export function registerRefreshMetrics(registry: Registry, schedule: RefreshSchedule): void {
  const registers = [registry];
  new Counter({
    name: 'oneid_rfm_refresh_alerts_total',
    help: 'Data-quality alerts raised by the scheduled RFM refresh.',
    registers,
    collect() {
      this.reset();
      this.inc(schedule.alerts);
    },
  });
  const lastRun = (name: string, help: string, value: (last: LastRun) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const last = schedule.lastRun;
        if (last) this.set(value(last));
        else this.remove();
      },
    });
  lastRun(
    'oneid_rfm_persons_with_rfm',
    'Persons with RFM after the last scheduled refresh.',
    (last) => last.withRfm,
  );
  lastRun(
    'oneid_rfm_refresh_seconds',
    'Duration of the last scheduled refresh.',
    (last) => last.durationMs / 1000,
  );
  lastRun(
    'oneid_rfm_refresh_timestamp_seconds',
    'Unix time of the last scheduled refresh.',
    (last) => Date.parse(last.at) / 1000,
  );
}

type LastRun = NonNullable<RefreshSchedule['lastRun']>;

/**
 * The change feed this process follows, read at every scrape: how far its caches are, what
 * it committed itself, and how often it read the graph's sequence (the cost of following).
 */
export function registerFeedMetrics(registry: Registry, feed: ChangeFeed): void {
  const registers = [registry];
  new Gauge({
    name: 'oneid_feed_applied_sequence',
    help: 'Change feed sequence this process has applied to its RFM views and bitmaps.',
    registers,
    collect() {
      this.set(feed.sequence);
    },
  });
  new Gauge({
    name: 'oneid_feed_committed_sequence',
    help: 'Highest change feed sequence this process committed itself.',
    registers,
    collect() {
      this.set(feed.committed);
    },
  });
  new Counter({
    name: 'oneid_feed_polls_total',
    help: "Reads of the graph's change feed sequence by this process.",
    registers,
    collect() {
      this.reset();
      this.inc(feed.polls);
    },
  });
}

/**
 * GET /metrics, Prometheus text from the app's registry: prom-client's default metrics
 * (process, heap, GC, event-loop lag), the service's histograms, the RFM refresh and the
 * streams. Public like the health checks (counts and durations only, no data). Registers
 * into `metrics`: one route per app.
 */
export function metricsRoute(
  metrics: ServiceMetrics,
  schedule: RefreshSchedule,
  streams: Streams | undefined,
  feed?: ChangeFeed,
): Route {
  const { registry } = metrics;
  metrics.collectDefaults();
  registerRefreshMetrics(registry, schedule);
  if (feed) registerFeedMetrics(registry, feed);
  if (streams) registerStreamMetrics(registry, () => streams.statuses());
  return {
    method: 'GET',
    pattern: /^\/metrics$/,
    role: undefined,
    async handle(_req, res) {
      sendText(res, 200, await registry.metrics(), registry.contentType);
    },
  };
}
