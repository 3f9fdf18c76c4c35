import { LocalKafka } from '../../local/kafka.js';
import { complain, print } from '../output.js';
import { loadCliConfig } from '../runtime.js';

/** oneid kafka start|stop|status */
export async function run(args: string[]): Promise<number> {
  const config = loadCliConfig();
  const { brokers, local: settings } = config.ingest.kafka;
  if (brokers) {
    complain(`ONEID_KAFKA_BROKERS is set (${brokers.join(',')}): nothing local to manage.`);
    return 1;
  }
  const local = new LocalKafka(config.cacheDir, settings);
  switch (args[0]) {
    case 'start': {
      const status = await local.start();
      print(`Kafka is running (pid ${status.pid}) at ${status.bootstrap}.`);
      return 0;
    }
    case 'stop':
      print((await local.stop()) ? 'Kafka stopped.' : 'Kafka was not running.');
      return 0;
    case 'status': {
      const status = local.status();
      print(status.running ? `running (pid ${status.pid}) at ${status.bootstrap}` : 'stopped');
      return status.running ? 0 : 3;
    }
    default:
      complain('Usage: oneid kafka start|stop|status');
      return 64;
  }
}
