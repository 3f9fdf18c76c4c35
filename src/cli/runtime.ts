import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { log } from '../log/logger.js';
import { connect, type Connection } from '../neo4j/connect.js';
import { neo4jTarget } from './local-servers.js';
import type { Scope } from './scope.js';

export interface Runtime {
  readonly config: Config;
  readonly connection: Connection;
  /** Where the graph is: shown to the user. */
  readonly neo4j: { readonly uri: string; readonly user: string; readonly browserUrl?: string };
  readonly app: App;
  /** Flushes the segment bitmaps and closes the driver. */
  close(): Promise<void>;
}

/** The configuration, with ONEID_LOG_LEVEL applied to the process log. */
export function loadCliConfig(): Config {
  const config = loadConfig();
  log.level = config.logLevel;
  return config;
}

/**
 * Config (from the environment unless given), database (local Neo4j started when needed,
 * schema applied) and the domain services. With a scope, the scope closes the runtime and
 * stops a local Neo4j started here; without, the caller closes the runtime and a started
 * Neo4j keeps running.
 */
export async function openRuntime(
  scope?: Scope,
  config: Config = loadCliConfig(),
): Promise<Runtime> {
  const target = await neo4jTarget(config, scope);
  const connection = await connect(target);
  let app: App;
  try {
    app = createApp(config, connection.db);
  } catch (error) {
    await connection.db.close();
    throw error;
  }
  const runtime: Runtime = {
    config,
    connection,
    neo4j: { uri: target.uri, user: target.user, browserUrl: target.browserUrl },
    app,
    close: async () => {
      await app.live.stop();
      await app.segments.flush();
      await connection.db.close();
    },
  };
  await scope?.defer('the graph connection', () => runtime.close());
  return runtime;
}
