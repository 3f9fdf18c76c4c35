import type { Config } from '../config.js';
import type { StreamSources } from '../ingest/streams.js';
import { LocalKafka } from '../local/kafka.js';
import type { LocalServer } from '../local/local-server.js';
import { localMariaDbFor } from '../local/mariadb.js';
import { LocalNeo4j } from '../local/neo4j.js';
import { log } from '../log/logger.js';
import type { Neo4jTarget } from '../neo4j/connect.js';
import type { Scope } from './scope.js';

/**
 * Starts `server` unless it runs, and waits until it is ready. With a scope, a server started
 * here is stopped when the scope closes, and one that already ran is left alone; without,
 * it keeps running for the next command.
 */
export async function ensureLocal<Status>(
  server: LocalServer<Status>,
  name: string,
  hint: string,
  scope?: Scope,
): Promise<Status> {
  if (!server.isRunning()) {
    log.info({ server: name }, `Starting the local ${name}${hint}...`);
    await scope?.defer(`the local ${name}`, async () => {
      if (await server.stop())
        log.info({ server: name }, `Stopped the local ${name} started by this process.`);
    });
  }
  return server.start({ signal: scope?.signal });
}

/** NEO4J_URI, or the local Neo4j (started when it does not run). */
export async function neo4jTarget(
  config: Config,
  scope?: Scope,
): Promise<Neo4jTarget & { readonly browserUrl: string | undefined }> {
  const { uri, user, password, database } = config.neo4j;
  if (uri !== undefined) {
    if (password === undefined)
      throw new Error('NEO4J_PASSWORD is required when NEO4J_URI is set.');
    return { uri, user, password, database, browserUrl: undefined };
  }
  const local = new LocalNeo4j(config.cacheDir, config.neo4j.local);
  const hint = ' (first time: downloads it from Maven Central)';
  const status = await ensureLocal(local, 'Neo4j', hint, scope);
  return {
    uri: status.boltUri,
    user,
    password: password ?? local.password(),
    database,
    browserUrl: status.browserUrl,
  };
}

/**
 * The sources of the enabled streams: ONEID_KAFKA_BROKERS and ONEID_CDC_HOST, or the local
 * Kafka and MariaDB (started when they do not run).
 */
export async function streamSources(config: Config, scope?: Scope): Promise<StreamSources> {
  const { kafka, cdc } = config.ingest;
  // checked before anything starts
  if (cdc.enabled && cdc.host !== undefined && cdc.password === undefined)
    throw new Error('ONEID_CDC_PASSWORD is required when ONEID_CDC_HOST is set.');
  let kafkaBrokers: readonly string[] | undefined;
  if (kafka.enabled) {
    kafkaBrokers = kafka.brokers;
    if (kafkaBrokers === undefined) {
      const local = new LocalKafka(config.cacheDir, kafka.local);
      const hint = ' (first time: downloads it from Maven Central)';
      kafkaBrokers = [(await ensureLocal(local, 'Kafka', hint, scope)).bootstrap];
    }
  }
  if (!cdc.enabled) return { kafkaBrokers };
  if (cdc.host !== undefined) {
    const source = { host: cdc.host, port: cdc.port, user: cdc.user, password: cdc.password ?? '' };
    return { kafkaBrokers, cdc: source };
  }
  const local = localMariaDbFor(config);
  const status = await ensureLocal(local, 'MariaDB', '', scope);
  return {
    kafkaBrokers,
    cdc: {
      host: status.host,
      port: status.port,
      user: cdc.user,
      password: cdc.password ?? local.password(),
    },
  };
}
