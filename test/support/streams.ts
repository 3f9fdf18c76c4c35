import { loadConfig } from '../../src/config.js';
import { LocalKafka } from '../../src/local/kafka.js';
import { LocalMariaDb } from '../../src/local/mariadb.js';

/** Where the stream tests' Kafka broker and MariaDB run. */
export interface StreamServices {
  readonly kafka: { readonly brokers: string[] };
  readonly mariadb: {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly password: string;
    readonly database: string;
    readonly table: string;
  };
}

const instance = 'test-streams';

/** The test instances (own data folders and ports, so development servers are left alone). */
export function streamServers() {
  const config = loadConfig();
  const kafka = new LocalKafka(
    config.cacheDir,
    {
      ...config.ingest.kafka.local,
      port: Number(process.env.ONEID_TEST_KAFKA_PORT ?? 19092),
      controllerPort: Number(process.env.ONEID_TEST_KAFKA_CONTROLLER_PORT ?? 19093),
      heap: '512m',
    },
    instance,
  );
  const mariadb = new LocalMariaDb(
    config.cacheDir,
    {
      port: Number(process.env.ONEID_TEST_MARIADB_PORT ?? 13306),
      serverId: 1,
      user: 'oneid_cdc',
      database: 'crm',
      table: 'members',
    },
    instance,
  );
  return { kafka, mariadb };
}

/** Starts the test Kafka and MariaDB unless they run (idempotent); returns how to reach them. */
export async function ensureStreamServices(): Promise<StreamServices> {
  const { kafka, mariadb } = streamServers();
  const [k, m] = await Promise.all([kafka.start(), mariadb.start()]);
  return {
    kafka: { brokers: [k.bootstrap] },
    mariadb: {
      host: m.host,
      port: m.port,
      user: mariadb.settings.user,
      password: mariadb.password(),
      database: 'crm',
      table: 'members',
    },
  };
}
