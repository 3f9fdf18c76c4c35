import { loadConfig } from '../../config.js';
import { LocalNeo4j } from '../../local/neo4j.js';

/** oneid neo4j start|stop|status */
export async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  if (config.neo4j.uri) {
    console.error(`NEO4J_URI is set (${config.neo4j.uri}): nothing local to manage.`);
    return 1;
  }
  const local = new LocalNeo4j(config.cacheDir, config.neo4j.local);
  switch (args[0]) {
    case 'start': {
      const status = await local.start();
      console.log(`Neo4j is running (pid ${status.pid}).`);
      console.log(`  Bolt:    ${status.boltUri}`);
      console.log(
        `  Browser: ${status.browserUrl}  (user neo4j, password in ${local.home}/password)`,
      );
      return 0;
    }
    case 'stop':
      console.log((await local.stop()) ? 'Neo4j stopped.' : 'Neo4j was not running.');
      return 0;
    case 'status': {
      const status = local.status();
      console.log(
        status.running
          ? `running (pid ${status.pid}) at ${status.boltUri}, ${status.browserUrl}`
          : 'stopped',
      );
      return status.running ? 0 : 3;
    }
    default:
      console.error('Usage: oneid neo4j start|stop|status');
      return 64;
  }
}
