import { loadConfig } from '../../src/config.js';
import { LocalNeo4j } from '../../src/local/neo4j.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { openWipedDatabase } from '../lib/neo4j.js';

/**
 * An empty graph for a benchmark: a local Neo4j instance of its own ("bench-streams",
 * ONEID_BENCH_NEO4J_BOLT_PORT / _HTTP_PORT, default 28687 / 28474) started when needed,
 * wiped, schema applied. Returns the gateway and the Bolt coordinates.
 */
export async function benchDatabase(): Promise<{ db: Gateway; uri: string; password: string }> {
  const config = loadConfig();
  const local = new LocalNeo4j(
    config.cacheDir,
    {
      ...config.neo4j.local,
      boltPort: Number(process.env.ONEID_BENCH_NEO4J_BOLT_PORT ?? 28687),
      httpPort: Number(process.env.ONEID_BENCH_NEO4J_HTTP_PORT ?? 28474),
      heap: '2g',
      pageCache: '1g',
    },
    'bench-streams',
    () => undefined,
  );
  const status = await local.start();
  const db = await openWipedDatabase(status.boltUri, local.password());
  return { db, uri: status.boltUri, password: local.password() };
}
