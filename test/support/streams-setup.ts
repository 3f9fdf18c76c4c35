import type { TestProject } from 'vitest/node';
import { ensureStreamServices, streamServers, type StreamServices } from './streams.js';

/**
 * Global setup of the stream tests: starts a local Kafka broker (KRaft) and a local MariaDB
 * (binlog in ROW format) unless they run, and stops them afterwards when it started them
 * (ONEID_TEST_KEEP_STREAMS=1 keeps them). Ports: ONEID_TEST_KAFKA_PORT (19092),
 * ONEID_TEST_KAFKA_CONTROLLER_PORT (19093), ONEID_TEST_MARIADB_PORT (13306).
 */
export default async function setup(project: TestProject) {
  const servers = streamServers();
  const started = {
    kafka: !servers.kafka.status().running,
    mariadb: !servers.mariadb.status().running,
  };
  project.provide('streams', await ensureStreamServices());
  return async () => {
    if (process.env.ONEID_TEST_KEEP_STREAMS) return;
    if (started.kafka) await servers.kafka.stop();
    if (started.mariadb) await servers.mariadb.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    streams: StreamServices;
  }
}
