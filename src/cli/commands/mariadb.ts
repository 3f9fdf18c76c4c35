import { loadConfig } from '../../config.js';
import { localMariaDbFor } from '../../local/mariadb.js';

/** oneid mariadb start|stop|status */
export async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  if (config.ingest.cdc.host) {
    console.error(`ONEID_CDC_HOST is set (${config.ingest.cdc.host}): nothing local to manage.`);
    return 1;
  }
  const local = localMariaDbFor(config);
  switch (args[0]) {
    case 'start': {
      const status = await local.start();
      console.log(
        `MariaDB is running (pid ${status.pid}) at ${status.host}:${status.port}, socket ${status.socket}.`,
      );
      console.log(`  User: ${local.settings.user}, password in ${local.home}/password`);
      return 0;
    }
    case 'stop':
      console.log((await local.stop()) ? 'MariaDB stopped.' : 'MariaDB was not running.');
      return 0;
    case 'status': {
      const status = local.status();
      console.log(
        status.running ? `running (pid ${status.pid}) at ${status.host}:${status.port}` : 'stopped',
      );
      return status.running ? 0 : 3;
    }
    default:
      console.error('Usage: oneid mariadb start|stop|status');
      return 64;
  }
}
