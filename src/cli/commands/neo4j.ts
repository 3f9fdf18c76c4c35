import { LocalNeo4j } from '../../local/neo4j.js';
import { complain, print } from '../output.js';
import { loadCliConfig } from '../runtime.js';

/** oneid neo4j start|stop|status */
export async function run(args: string[]): Promise<number> {
  const config = loadCliConfig();
  if (config.neo4j.uri) {
    complain(`NEO4J_URI is set (${config.neo4j.uri}): nothing local to manage.`);
    return 1;
  }
  const local = new LocalNeo4j(config.cacheDir, config.neo4j.local);
  switch (args[0]) {
    case 'start': {
      const status = await local.start();
      print(`Neo4j is running (pid ${status.pid}).`);
      print(`  Bolt:    ${status.boltUri}`);
      print(`  Browser: ${status.browserUrl}  (user neo4j, password in ${local.home}/password)`);
      return 0;
    }
    case 'stop':
      print((await local.stop()) ? 'Neo4j stopped.' : 'Neo4j was not running.');
      return 0;
    case 'status': {
      const status = local.status();
      print(
        status.running
          ? `running (pid ${status.pid}) at ${status.boltUri}, ${status.browserUrl}`
          : 'stopped',
      );
      return status.running ? 0 : 3;
    }
    default:
      complain('Usage: oneid neo4j start|stop|status');
      return 64;
  }
}
