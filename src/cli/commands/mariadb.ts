import { localMariaDbFor } from '../../local/mariadb.js';
import { complain, print } from '../output.js';
import { loadCliConfig } from '../runtime.js';

/** oneid mariadb start|stop|status */
export async function run(args: string[]): Promise<number> {
  const config = loadCliConfig();
  if (config.ingest.cdc.host) {
    complain(`ONEID_CDC_HOST is set (${config.ingest.cdc.host}): nothing local to manage.`);
    return 1;
  }
  const local = localMariaDbFor(config);
  switch (args[0]) {
    case 'start': {
      const status = await local.start();
      print(
        `MariaDB is running (pid ${status.pid}) at ${status.host}:${status.port}, socket ${status.socket}.`,
      );
      print(`  User: ${local.settings.user}, password in ${local.home}/password`);
      return 0;
    }
    case 'stop':
      print((await local.stop()) ? 'MariaDB stopped.' : 'MariaDB was not running.');
      return 0;
    case 'status': {
      const status = local.status();
      print(
        status.running ? `running (pid ${status.pid}) at ${status.host}:${status.port}` : 'stopped',
      );
      return status.running ? 0 : 3;
    }
    default:
      complain('Usage: oneid mariadb start|stop|status');
      return 64;
  }
}
