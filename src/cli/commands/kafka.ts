import { loadConfig } from '../../config.js';
import { LocalKafka } from '../../local/kafka.js';

/** oneid kafka start|stop|status */
export async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  const { brokers, local: settings } = config.ingest.kafka;
  if (brokers) {
    console.error(`ONEID_KAFKA_BROKERS is set (${brokers.join(',')}): nothing local to manage.`);
    return 1;
  }
  const local = new LocalKafka(config.cacheDir, settings);
  switch (args[0]) {
    case 'start': {
      const status = await local.start();
      console.log(`Kafka is running (pid ${status.pid}) at ${status.bootstrap}.`);
      return 0;
    }
    case 'stop':
      console.log((await local.stop()) ? 'Kafka stopped.' : 'Kafka was not running.');
      return 0;
    case 'status': {
      const status = local.status();
      console.log(
        status.running ? `running (pid ${status.pid}) at ${status.bootstrap}` : 'stopped',
      );
      return status.running ? 0 : 3;
    }
    default:
      console.error('Usage: oneid kafka start|stop|status');
      return 64;
  }
}
