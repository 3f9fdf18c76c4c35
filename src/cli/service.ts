import { loadApiKeys } from '../http/api-keys.js';
import { metricsRoute } from '../http/metrics-route.js';
import { serviceRoutes } from '../http/routes.js';
import { createServer } from '../http/server.js';
import { loadSeedsIfEmpty } from '../ingest/seeds.js';
import { openStreams, type Streams } from '../ingest/streams.js';
import { RefreshSchedule } from '../rfm/refresh-schedule.js';
import { openRuntime } from './runtime.js';

type Log = (message: string, error?: unknown) => void;

const log: Log = (message, error) =>
  console.error(
    error === undefined
      ? message
      : `${message}: ${error instanceof Error ? error.stack : String(error)}`,
  );

/**
 * The long-running service: local Neo4j unless NEO4J_URI is set, seeds into an empty graph,
 * the segment bitmaps, the scheduled RFM refresh, HTTP, and with `streams` the Kafka and CDC
 * ingestion beside it. Prints where everything is; SIGINT / SIGTERM stop it all cleanly
 * (the local Neo4j too, when this process started it). Resolves to the exit code.
 */
export async function runService(opts: { streams: boolean }): Promise<number> {
  const started = performance.now();
  const runtime = await openRuntime(log);
  const { app, config, connection } = runtime;
  if (config.loadSeeds) {
    for (const s of await loadSeedsIfEmpty(app, config.seedDir)) {
      log(`Loaded seed ${s.file}: ${s.rows} rows, ${s.rejected.length} rejected`);
    }
  }
  log(`Segment bitmaps: ${(await app.segments.init()).reason}`);
  const schedule = new RefreshSchedule(
    app.rfm,
    () => app.segments.rebuild(),
    (a) => log(`[${a.level}] ${a.message}`),
  );
  schedule.start(config.rfm.refreshCron);
  const poll = setInterval(
    () => void app.segments.checkCurrent().catch((e: unknown) => log('Segment check failed', e)),
    5000,
  );

  let streams: Streams | undefined;
  if (opts.streams) {
    streams = await openStreams(app, config, log);
    if (streams.runners.length === 0)
      log('No stream is enabled (ONEID_KAFKA_ENABLED, ONEID_CDC_ENABLED).');
    streams.start();
  }
  const keys = loadApiKeys(config);
  const http = await createServer({
    app,
    keys,
    routes: [...serviceRoutes(app), metricsRoute(schedule, streams)],
    readiness: streams ? [() => (streams as Streams).readinessCheck()] : [],
    log,
  });
  const base = await http.listen(config.port, config.host);

  const lines = [
    '',
    `OneID Graph is up (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    `  GraphQL:        ${base}/graphql   (GraphiQL when opened in a browser)`,
    `  Health:         ${base}/healthz, ${base}/readyz, ${base}/metrics`,
    `  Neo4j Bolt:     ${connection.uri}   user ${connection.user}`,
  ];
  if (connection.browserUrl) {
    lines.push(
      `  Neo4j Browser:  ${connection.browserUrl}   password in ${config.cacheDir}/neo4j/instances/default/password`,
    );
  }
  if (keys.generated) {
    lines.push(`  API keys (kept in ${keys.file}; send one as header x-api-key):`);
    for (const [role, key] of Object.entries(keys.generated))
      lines.push(`    ${role.padEnd(8)} ${key}`);
  }
  if (streams)
    lines.push(`  Streams:        ${streams.runners.map((r) => r.name).join(', ') || 'none'}`);
  lines.push(
    `  RFM refresh:    ${config.rfm.refreshCron} (next ${schedule.nextRun()?.toISOString() ?? 'never'})`,
    '',
  );
  console.log(lines.join('\n'));

  const signal = await firstStopSignal();
  log(`${signal}: shutting down...`);
  clearInterval(poll);
  schedule.stop();
  await http.close();
  await streams?.stop();
  await runtime.close({ stopNeo4j: true });
  log('Stopped.');
  return 0;
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
        log(`${signal}: already shutting down (from ${received}), please wait...`);
        return;
      }
      received = signal;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
