import { constants } from 'node:os';
import type { Config } from '../config.js';
import { loadApiKeys } from '../http/api-keys.js';
import { metricsRoute } from '../http/metrics-route.js';
import { serviceRoutes } from '../http/routes.js';
import { createServer } from '../http/server.js';
import { GUIDE_PATH } from '../http/steward/steward-guide-route.js';
import { loadSeedsIfEmpty } from '../ingest/seeds.js';
import { replicaName } from '../ingest/replica-name.js';
import { openStreams, type Streams } from '../ingest/streams.js';
import { log } from '../log/logger.js';
import { RefreshSchedule } from '../rfm/refresh-schedule.js';
import { streamSources } from './local-servers.js';
import { print } from './output.js';
import { loadCliConfig, openRuntime } from './runtime.js';
import { Scope } from './scope.js';

/**
 * The long-running service: local Neo4j unless NEO4J_URI is set, seeds into an empty graph,
 * the segment bitmaps, the scheduled RFM refresh, HTTP, and with `streams` the Kafka and CDC
 * ingestion beside it (local Kafka and MariaDB unless configured). Prints where everything
 * is. SIGINT / SIGTERM stop it all cleanly, during start-up too. The local servers this
 * process started are stopped on every way out (a failed start included); servers that
 * already ran are left running. Resolves to the exit code.
 */
export async function runService(opts: { streams: boolean }): Promise<number> {
  const config = loadCliConfig(); // a bad configuration stops here, before anything starts
  const scope = new Scope((message, error) => log.error({ err: error }, message));
  let signal: NodeJS.Signals | undefined;
  const stopped = firstStopSignal().then(async (received) => {
    signal = received;
    log.info({ signal: received }, `${received}: shutting down...`);
    await scope.close();
  });
  try {
    print(await startUp(opts, config, scope));
  } catch (error) {
    if (signal === undefined) log.error('Start-up failed; stopping what it started...');
    await scope.close();
    if (signal === undefined) throw error;
    log.info({ signal }, 'Stopped before start-up finished.');
    return 128 + constants.signals[signal];
  }
  await stopped;
  log.info('Stopped.');
  return 0;
}

/** Opens everything into `scope` (which closes it again); resolves to the banner. */
async function startUp(opts: { streams: boolean }, config: Config, scope: Scope): Promise<string> {
  const started = performance.now();
  const runtime = await openRuntime(scope, config);
  const { app, neo4j } = runtime;
  if (config.loadSeeds) {
    for (const s of await loadSeedsIfEmpty(app, config.seedDir)) {
      log.info({ file: s.file, rows: s.rows, rejected: s.rejected.length }, 'Loaded a seed file');
    }
  }
  const ready = await app.segments.init(true);
  log.info({ reason: ready.reason, sequence: app.rfm.feed.sequence }, 'Segment bitmaps ready');
  await scope.defer('the change feed', () => app.rfm.feed.stop());
  app.live.start();
  await scope.defer('the live audience packages', () => app.live.stop());
  const schedule = new RefreshSchedule(
    app.rfm,
    () => app.segments.rebuild(),
    (a) => log[a.level]({ schedule: 'rfm refresh' }, a.message),
  );
  schedule.start(config.rfm.refreshCron);
  await scope.defer('the RFM refresh schedule', () => schedule.stop());
  // the feed keeps the bitmaps current; only a new day (an unset ONEID_AS_OF) rebuilds them
  const dateCheck = setInterval(
    () =>
      void app.segments
        .checkDate()
        .catch((err: unknown) => log.error({ err }, 'Segment date check failed')),
    60_000,
  );
  await scope.defer('the segment date check', () => clearInterval(dateCheck));

  let streams: Streams | undefined;
  if (opts.streams) {
    const opened = openStreams(app, config, await streamSources(config, scope));
    if (opened.runners.length === 0)
      log.warn('No stream is enabled (ONEID_KAFKA_ENABLED, ONEID_CDC_ENABLED).');
    opened.start();
    await scope.defer('the streams', () => opened.stop());
    streams = opened;
  }
  const keys = loadApiKeys(config);
  const http = await createServer({
    app,
    keys,
    routes: [...serviceRoutes(app), metricsRoute(app.metrics, schedule, streams, app.rfm.feed)],
    readiness: streams ? [() => (streams as Streams).readinessCheck()] : [],
    log,
  });
  await scope.defer('the HTTP server', () => http.close());
  const base = await http.listen(config.port, config.host);

  const lines = [
    '',
    `OneID Graph is up (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    `  GraphQL:        ${base}/graphql   (GraphiQL when opened in a browser)`,
    `  Health:         ${base}/healthz, ${base}/readyz, ${base}/metrics`,
    `  Neo4j Bolt:     ${neo4j.uri}   user ${neo4j.user}`,
  ];
  if (neo4j.browserUrl) {
    lines.push(
      `  Neo4j Browser:  ${neo4j.browserUrl}   password in ${config.cacheDir}/neo4j/instances/default/password`,
      `  Steward guide:  :play ${base}${GUIDE_PATH}   (run it in Neo4j Browser)`,
    );
  }
  if (keys.generated) {
    // the banner is for a person: piped stdout often ends up in a log system, keys never do
    if (process.stdout.isTTY) {
      lines.push(`  API keys (kept in ${keys.file}; send one as header x-api-key):`);
      for (const [role, key] of Object.entries(keys.generated))
        lines.push(`    ${role.padEnd(8)} ${key}`);
    } else lines.push(`  API keys:       in ${keys.file} (send one as header x-api-key)`);
  }
  if (streams)
    lines.push(
      `  Streams:        ${streams.runners.map((r) => r.name).join(', ') || 'none'} (replica ${replicaName(config.ingest)})`,
    );
  lines.push(
    `  RFM refresh:    ${config.rfm.refreshCron} (next ${schedule.nextRun()?.toISOString() ?? 'never'})`,
    '',
  );
  return lines.join('\n');
}

/**
 * Resolves on the first SIGINT or SIGTERM. The handlers stay installed, so a repeated signal
 * (Ctrl-C reaches this process from the terminal and again through npm and the start script)
 * cannot end the process by default action in the middle of a clean shutdown.
 */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn({ signal, first: received }, `${signal}: already shutting down, please wait...`);
        return;
      }
      received = signal;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
