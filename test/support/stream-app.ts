import { createConnection, type Connection } from 'mysql2/promise';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { replicaName } from '../../src/ingest/replica-name.js';
import { CdcIngest } from '../../src/ingest/cdc/cdc-ingest.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { ensureStreamServices, type StreamServices } from './streams.js';

/**
 * A CDC runner over the test database and the test MariaDB, as the service builds one
 * (`env` overrides the service's configuration), not started.
 */
export function cdcRunner(
  db: Gateway,
  services: StreamServices,
  {
    env = {},
    log = () => undefined,
  }: { env?: Record<string, string>; log?: (line: string) => void } = {},
): CdcIngest {
  const { config, app } = streamApp(db, services, env);
  const { host, port, user, password } = services.mariadb;
  return new CdcIngest({
    identity: app.identity,
    settings: config.ingest.cdc,
    source: { host, port, user, password },
    maxBackoffMs: 2_000,
    replicaId: replicaName(config.ingest),
    log,
  });
}

/** The stream services: provided by the global setup, or started here when it is not registered. */
export async function streamServices(): Promise<StreamServices> {
  return inject('streams') ?? (await ensureStreamServices());
}

/** The environment that points the service at the test Kafka and MariaDB. */
export function streamEnv(
  services: StreamServices,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { mariadb } = services;
  return {
    ONEID_KAFKA_BROKERS: services.kafka.brokers.join(','),
    ONEID_CDC_HOST: mariadb.host,
    ONEID_CDC_PORT: String(mariadb.port),
    ONEID_CDC_USER: mariadb.user,
    ONEID_CDC_PASSWORD: mariadb.password,
    ONEID_CDC_DATABASE: mariadb.database,
    ONEID_CDC_TABLE: mariadb.table,
    ONEID_INGEST_MAX_BACKOFF_MS: '2000',
    ...overrides,
  };
}

/** Config and domain services over the test database, pointed at the stream services. */
export function streamApp(
  db: Gateway,
  services: StreamServices,
  overrides: Record<string, string> = {},
): { config: Config; app: App } {
  const config = loadConfig({ ...process.env, ...streamEnv(services, overrides) });
  return { config, app: createApp(config, db) };
}

/** A client of the test MariaDB, to change the CRM table as the CRM would. */
export function crmClient(services: StreamServices): Promise<Connection> {
  const { host, port, user, password, database } = services.mariadb;
  return createConnection({ host, port, user, password, database, dateStrings: true });
}

/** Polls `probe` until it returns a value other than undefined; fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
  );
}
