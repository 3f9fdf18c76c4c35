import { loadSeedsIfEmpty } from '../../ingest/seeds.js';
import { loadApiKeys } from '../../http/api-keys.js';
import { serviceRoutes } from '../../http/routes.js';
import { createServer } from '../../http/server.js';
import { RefreshSchedule } from '../../rfm/refresh-schedule.js';
import { openRuntime } from '../runtime.js';

/**
 * oneid serve: starts the local Neo4j unless NEO4J_URI is set, loads the seeds into an
 * empty graph, serves HTTP, and prints where everything is. SIGINT / SIGTERM stop it all
 * cleanly (the local Neo4j too, when this process started it).
 */
export async function run(): Promise<number> {
  const started = performance.now();
  const log = (message: string, error?: unknown) =>
    console.error(
      error === undefined
        ? message
        : `${message}: ${error instanceof Error ? error.stack : String(error)}`,
    );
  const runtime = await openRuntime(log);
  const { app, config, connection } = runtime;
  if (config.loadSeeds) {
    const loaded = await loadSeedsIfEmpty(app, config.seedDir);
    for (const s of loaded)
      log(`Loaded seed ${s.file}: ${s.rows} rows, ${s.rejected.length} rejected`);
  }
  const segments = await app.segments.init();
  log(`Segment bitmaps: ${segments.reason}`);
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
  const keys = loadApiKeys(config);
  const http = await createServer({ app, keys, routes: serviceRoutes(app), log });
  const base = await http.listen(config.port, config.host);

  const lines = [
    '',
    `OneID Graph is up (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    `  GraphQL:        ${base}/graphql   (GraphiQL when opened in a browser)`,
    `  Health:         ${base}/healthz, ${base}/readyz`,
    `  Neo4j Bolt:     ${connection.uri}   user ${connection.user}`,
  ];
  if (connection.browserUrl)
    lines.push(
      `  Neo4j Browser:  ${connection.browserUrl}   password in ${config.cacheDir}/neo4j/instances/default/password`,
    );
  if (keys.generated) {
    lines.push(`  API keys (kept in ${keys.file}; send one as header x-api-key):`);
    for (const [role, key] of Object.entries(keys.generated))
      lines.push(`    ${role.padEnd(8)} ${key}`);
  }
  lines.push(
    `  RFM refresh:    ${config.rfm.refreshCron} (next ${schedule.nextRun()?.toISOString() ?? 'never'})`,
    '',
  );
  console.log(lines.join('\n'));

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: shutting down...`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  clearInterval(poll);
  schedule.stop();
  await http.close();
  await runtime.close({ stopNeo4j: true });
  log('Stopped.');
  return 0;
}
