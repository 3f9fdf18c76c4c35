import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { LocalNeo4j } from '../../src/local/neo4j.js';

/**
 * Starts a dedicated local Neo4j for the integration tests (own data folder and ports, so a
 * running development server is left alone), or uses NEO4J_URI / NEO4J_PASSWORD when set.
 * The tests share this one database and run one file at a time.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  if (config.neo4j.uri) {
    project.provide('neo4j', {
      uri: config.neo4j.uri,
      user: config.neo4j.user,
      password: config.neo4j.password ?? '',
      browserUrl: undefined,
    });
    return;
  }
  const local = new LocalNeo4j(
    config.cacheDir,
    {
      ...config.neo4j.local,
      boltPort: Number(process.env.ONEID_TEST_NEO4J_BOLT_PORT ?? 17687),
      httpPort: Number(process.env.ONEID_TEST_NEO4J_HTTP_PORT ?? 17474),
      heap: '1g',
      pageCache: '512m',
    },
    process.env.ONEID_TEST_NEO4J_INSTANCE ?? 'test',
  );
  const started = !local.status().running;
  const status = await local.start();
  project.provide('neo4j', {
    uri: status.boltUri,
    user: 'neo4j',
    password: local.password(),
    browserUrl: status.browserUrl,
  });
  return async () => {
    if (started && !process.env.ONEID_TEST_KEEP_NEO4J) await local.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `browserUrl`: the Neo4j Browser of the local test server; none for NEO4J_URI. */
    neo4j: { uri: string; user: string; password: string; browserUrl: string | undefined };
  }
}
