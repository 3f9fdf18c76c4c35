import { join } from 'node:path';
import type { Config } from '../config.js';
import { LocalNeo4j } from '../local/neo4j.js';
import { projectRoot } from '../paths.js';
import { createGateway, type Gateway } from './gateway.js';
import { QueryRegistry } from './query-registry.js';
import { applySchema } from './schema.js';

export interface Connection {
  readonly db: Gateway;
  readonly queries: QueryRegistry;
  /** Set when this process started the local server (and so stops it on shutdown). */
  readonly startedLocal: LocalNeo4j | undefined;
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly browserUrl: string | undefined;
}

export function loadQueries(): QueryRegistry {
  return new QueryRegistry(join(projectRoot, 'cypher'));
}

/**
 * Connects to NEO4J_URI, or provisions and starts the local server when it is unset;
 * then applies the schema.
 */
export async function connect(config: Config, log: (line: string) => void): Promise<Connection> {
  const queries = loadQueries();
  let uri = config.neo4j.uri;
  let password = config.neo4j.password;
  let startedLocal: LocalNeo4j | undefined;
  let browserUrl: string | undefined;
  if (uri === undefined) {
    const local = new LocalNeo4j(config.cacheDir, config.neo4j.local, 'default', log);
    const wasRunning = local.status().running;
    if (!wasRunning)
      log('Starting the local Neo4j (first time: downloads it from Maven Central)...');
    const status = await local.start();
    uri = status.boltUri;
    password = password ?? local.password();
    browserUrl = status.browserUrl;
    if (!wasRunning) startedLocal = local;
  } else if (password === undefined) {
    throw new Error('NEO4J_PASSWORD is required when NEO4J_URI is set.');
  }
  const db = createGateway({
    uri,
    user: config.neo4j.user,
    password,
    database: config.neo4j.database,
    queries,
  });
  await db.ping();
  await applySchema(db, queries);
  return { db, queries, startedLocal, uri, user: config.neo4j.user, password, browserUrl };
}
