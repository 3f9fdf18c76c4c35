import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { LocalNeo4j } from '../../src/local/neo4j.js';
import { loadQueries } from '../../src/neo4j/connect.js';
import { createGateway, type Gateway } from '../../src/neo4j/gateway.js';
import { applySchema } from '../../src/neo4j/schema.js';
import { join } from 'node:path';
import { takeBenchLock } from './bench-lock.js';
import { processCpuSeconds } from './cpu.js';
import { progress } from './log.js';
import { TimedGateway } from './timed-gateway.js';

/**
 * The benches' own Neo4j instance ("bench"), apart from the service's and the tests'.
 * ONEID_BENCH_NEO4J_BOLT_PORT / ONEID_BENCH_NEO4J_HTTP_PORT move it, for two checkouts that
 * bench at the same time.
 */
export const BENCH_BOLT_PORT = Number(process.env.ONEID_BENCH_NEO4J_BOLT_PORT ?? 47687);
export const BENCH_HTTP_PORT = Number(process.env.ONEID_BENCH_NEO4J_HTTP_PORT ?? 47474);
export const AS_OF = '2026-06-06';
export const API_KEYS = {
  reader: 'benchreaderkey0000001',
  service: 'benchservicekey000001',
  steward: 'benchstewardkey000001',
} as const;

export interface BenchEnvironment {
  readonly local: LocalNeo4j;
  /** The raw gateway, for side-by-side driver baselines. */
  readonly raw: Gateway;
  /** What the app uses: the raw gateway with per-query timing. */
  readonly timed: TimedGateway;
  readonly app: App;
  readonly config: Config;
  /** The environment `config` was loaded from, beyond this process's: for a service process. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** Stops the app's background work, closes the driver and stops the instance unless `keep`. */
  close(): Promise<void>;
}

/**
 * Starts (or reuses) the bench Neo4j instance, wipes it, applies the schema and wires the
 * app with ONEID_AS_OF=2026-06-06 and fixed bench API keys. `env` overrides configuration.
 */
export async function benchEnvironment(opts: {
  keep: boolean;
  env?: Record<string, string>;
}): Promise<BenchEnvironment> {
  const serviceEnv = {
    ONEID_AS_OF: AS_OF,
    ONEID_API_KEYS: Object.entries(API_KEYS)
      .map(([role, key]) => `${key}:${role}`)
      .join(','),
    ...opts.env,
  };
  const config = loadConfig({ ...process.env, ...serviceEnv });
  const local = new LocalNeo4j(
    config.cacheDir,
    {
      ...config.neo4j.local,
      boltPort: BENCH_BOLT_PORT,
      httpPort: BENCH_HTTP_PORT,
      heap: '2g',
      pageCache: '2g',
      conf: {
        // the bulk loads of a 10M point write tens of GB of transaction logs: keep the two
        // newest files (pruned at a checkpoint; the service's default keeps two days)
        'db.tx_log.rotation.retention_policy': '2 files',
        'db.checkpoint.interval.time': '5m',
      },
    },
    'bench',
    progress,
  );
  const release = takeBenchLock(join(local.home, 'bench.lock'));
  const started = performance.now();
  const status = await local.start();
  progress(
    `Neo4j "bench" ready on ${status.boltUri} in ${Math.round(performance.now() - started)} ms`,
  );
  const raw = await openWipedDatabase(status.boltUri, local.password());
  const pid = local.status().pid;
  const timed = new TimedGateway(raw, () => processCpuSeconds(pid));
  const app = createApp(config, timed);
  return {
    local,
    raw,
    timed,
    app,
    config,
    serviceEnv,
    async close() {
      // as the service stops: no evaluation, feed poll or bitmap flush after the driver closed
      await app.live.stop();
      app.rfm.feed.stop();
      await app.segments.flush();
      await raw.close();
      if (opts.keep) progress(`--keep: Neo4j "bench" left running on ${status.boltUri}`);
      else await local.stop();
      release();
    },
  };
}

/** A gateway to a bench instance, emptied and with the schema applied. */
export async function openWipedDatabase(uri: string, password: string): Promise<Gateway> {
  const queries = loadQueries();
  const db = createGateway({
    uri,
    user: 'neo4j',
    password,
    database: 'neo4j',
    queries,
    app: 'bench',
  });
  await db.ping();
  await wipe(db);
  await applySchema(db, queries);
  return db;
}

/** Empties a bench database and applies the schema again: a clean graph between runs. */
export async function resetDatabase(db: Gateway): Promise<void> {
  await wipe(db);
  await applySchema(db, loadQueries());
}

const TIMED_OUT = 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration';

export async function wipe(db: Gateway): Promise<void> {
  const started = performance.now();
  const session = db.driver.session({ database: db.database });
  try {
    // the inner transactions commit as they go; the outer one may hit db.transaction.timeout
    // (120 s) on a graph of millions of nodes, so it goes on from where it stopped
    for (;;) {
      try {
        await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== TIMED_OUT) throw error;
        progress('wiping: the transaction timed out, going on with what is left');
      }
    }
  } finally {
    await session.close();
  }
  progress(`wiped the bench database in ${Math.round(performance.now() - started)} ms`);
}
