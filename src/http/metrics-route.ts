import type { Streams } from '../ingest/streams.js';
import type { RefreshSchedule } from '../rfm/refresh-schedule.js';
import { sendText } from './respond.js';
import type { Route } from './server.js';

/** The service's own gauges: the scheduled RFM refresh and its data-quality alerts. */
export function renderServiceMetrics(schedule: RefreshSchedule): string {
  const last = schedule.lastRun;
  const lines = [
    '# HELP oneid_rfm_refresh_alerts_total Data-quality alerts raised by the scheduled RFM refresh.',
    '# TYPE oneid_rfm_refresh_alerts_total counter',
    `oneid_rfm_refresh_alerts_total ${schedule.alerts}`,
  ];
  if (last) {
    lines.push(
      '# HELP oneid_rfm_persons_with_rfm Persons with RFM after the last scheduled refresh.',
      '# TYPE oneid_rfm_persons_with_rfm gauge',
      `oneid_rfm_persons_with_rfm ${last.withRfm}`,
      '# HELP oneid_rfm_refresh_seconds Duration of the last scheduled refresh.',
      '# TYPE oneid_rfm_refresh_seconds gauge',
      `oneid_rfm_refresh_seconds ${last.durationMs / 1000}`,
      '# HELP oneid_rfm_refresh_timestamp_seconds Unix time of the last scheduled refresh.',
      '# TYPE oneid_rfm_refresh_timestamp_seconds gauge',
      `oneid_rfm_refresh_timestamp_seconds ${Date.parse(last.at) / 1000}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** GET /metrics, Prometheus text, public like the health checks (counts only, no data). */
export function metricsRoute(schedule: RefreshSchedule, streams: Streams | undefined): Route {
  return {
    method: 'GET',
    pattern: /^\/metrics$/,
    role: undefined,
    async handle(_req, res) {
      const body = renderServiceMetrics(schedule) + (streams ? streams.renderMetrics() : '');
      sendText(res, 200, body, 'text/plain; version=0.0.4; charset=utf-8');
    },
  };
}
