import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { connect, type Connection } from '../neo4j/connect.js';

export interface Runtime {
  readonly config: Config;
  readonly connection: Connection;
  readonly app: App;
  /** Closes the driver; stops the local Neo4j when this process started it and `stopNeo4j`. */
  close(opts?: { stopNeo4j?: boolean }): Promise<void>;
}

/** Config, database (local Neo4j started when needed, schema applied) and the domain services. */
export async function openRuntime(
  log: (line: string) => void = (l) => console.error(l),
): Promise<Runtime> {
  const config = loadConfig();
  const connection = await connect(config, log);
  const app = createApp(config, connection.db);
  return {
    config,
    connection,
    app,
    close: async (opts = {}) => {
      await app.segments.flush();
      await connection.db.close();
      if (opts.stopNeo4j && connection.startedLocal) await connection.startedLocal.stop();
    },
  };
}
