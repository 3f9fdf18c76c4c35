import { join } from 'node:path';
import * as z from 'zod';
import { ConfigError } from './errors.js';
import { projectRoot } from './paths.js';
import * as v from './env-values.js';

export const roles = ['reader', 'service', 'marketer', 'steward'] as const;
export type Role = (typeof roles)[number];

/**
 * Every environment variable the service reads, with its type, range and default; the same
 * list as .env.example (a unit test keeps them equal). Unset and "" are the same everywhere.
 */
export const envVariables = {
  HOST: v.text('127.0.0.1'),
  PORT: v.port(4000),
  NODE_ENV: v.optionalText(),

  NEO4J_URI: v.optionalText(),
  NEO4J_USER: v.text('neo4j'),
  NEO4J_PASSWORD: v.optionalText(),
  NEO4J_DATABASE: v.text('neo4j'),
  ONEID_NEO4J_VERSION: v.version('5.26.30'),
  ONEID_NEO4J_BROWSER_VERSION: v.version('5.24.0'),
  ONEID_NEO4J_BOLT_PORT: v.port(7687),
  ONEID_NEO4J_HTTP_PORT: v.port(7474),
  ONEID_NEO4J_HEAP: v.memory('2g'),
  ONEID_NEO4J_PAGECACHE: v.memory('2g'),
  ONEID_CACHE_DIR: v.folder(join(projectRoot, '.cache')),

  ONEID_API_KEYS: v.keyRoles(roles),
  ONEID_GRAPHQL_MAX_BYTES: v.positive(32_768),
  ONEID_GRAPHQL_MAX_TOKENS: v.positive(1000),
  ONEID_GRAPHQL_MAX_ALIASES: v.count(30),
  ONEID_GRAPHQL_MAX_DIRECTIVES: v.count(50),
  ONEID_GRAPHQL_MAX_DEPTH: v.positive(10),
  ONEID_GRAPHQL_MAX_COST: v.positive(5000),
  ONEID_GRAPHQL_INTROSPECTION: v.optionalFlag(),
  ONEID_GRAPHQL_APQ_CACHE_SIZE: v.count(8_388_608),
  ONEID_GRAPHQL_TRUSTED_DOCUMENTS: v.optionalFile(),

  ONEID_LINK_THRESHOLD: v.confidence(0.8),
  ONEID_SUPERNODE_LIMIT: v.positive(50),
  ONEID_DEFAULT_COUNTRY_CODE: v.countryCode('86'),
  ONEID_IDENTIFIER_TYPES_FILE: v.optionalText(),
  ONEID_EVENT_LINK_CONFIDENCE: v.confidences({ miniapp: 0.95, app: 0.9 }),

  ONEID_AS_OF: v.isoDate(),
  ONEID_RFM_REFRESH_CRON: v.cron('0 2 * * *'),
  ONEID_HIGH_VALUE_THRESHOLD: v.amount(300),
  ONEID_SEGMENT_RULES_FILE: v.optionalText(),

  ONEID_FEED_POLL_MS: v.positive(200),
  ONEID_FEED_MAX_WAIT_MS: v.positive(5000),
  ONEID_FEED_RETENTION_HOURS: v.positive(24),
  /** Hours an audience package version is kept for deltas; a package's latest is always kept. */
  ONEID_PACKAGE_VERSION_RETENTION_HOURS: v.positive(168),

  ONEID_SEED_DIR: v.folder(join(projectRoot, 'seeds')),
  ONEID_LOAD_SEEDS: v.flag(true),
  ONEID_LOG_LEVEL: v.oneOf(['debug', 'info', 'warn', 'error'], 'info'),

  ONEID_INGEST_MAX_BACKOFF_MS: v.positive(30_000),
  ONEID_REPLICA_ID: v.optionalText(),
  ONEID_KAFKA_ENABLED: v.flag(true),
  ONEID_KAFKA_BROKERS: v.hostList(),
  ONEID_KAFKA_TOPIC: v.identifier('miniapp_app_events'),
  ONEID_KAFKA_GROUP_ID: v.identifier('cz_cdp_consumer'),
  ONEID_KAFKA_CLIENT_ID: v.identifier('oneid-graph'),
  ONEID_KAFKA_DEAD_LETTER_TOPIC: v.identifier('miniapp_app_events.dlq'),
  ONEID_KAFKA_BATCH_SIZE: v.positive(5000),
  ONEID_KAFKA_LINGER_MS: v.count(50),
  ONEID_KAFKA_WRITERS: v.positive(1),
  ONEID_KAFKA_PARTITIONS: v.positive(1),
  ONEID_KAFKA_VERSION: v.version('3.9.2'),
  ONEID_KAFKA_PORT: v.port(9092),
  ONEID_KAFKA_CONTROLLER_PORT: v.port(9093),
  ONEID_KAFKA_HEAP: v.memory('512m'),

  ONEID_CDC_ENABLED: v.flag(true),
  ONEID_CDC_HOST: v.optionalText(),
  ONEID_CDC_PORT: v.port(3306),
  ONEID_CDC_USER: v.text('oneid_cdc'),
  ONEID_CDC_PASSWORD: v.optionalText(),
  ONEID_CDC_DATABASE: v.identifier('crm'),
  ONEID_CDC_TABLE: v.identifier('members'),
  ONEID_CDC_SERVER_ID: v.positive(5401),
  ONEID_CDC_BATCH_SIZE: v.positive(1000),
  ONEID_CDC_LEASE_TTL_MS: v.positive(10_000),
  ONEID_CDC_LEASE_RENEW_MS: v.positive(3_000),
  ONEID_MARIADB_PORT: v.port(3306),
  ONEID_MARIADB_SERVER_ID: v.positive(1),
};

type Name = keyof typeof envVariables;
const envSchema = z.object(envVariables);
export type EnvValues = z.output<typeof envSchema>;

/** Their values are never repeated in an error message. */
const secrets: ReadonlySet<Name> = new Set([
  'NEO4J_PASSWORD',
  'ONEID_API_KEYS',
  'ONEID_CDC_PASSWORD',
]);

/**
 * The environment validated and typed. Throws one ConfigError naming every bad variable, one
 * line each, in the order of `envVariables`. Variables it does not know are ignored.
 */
export function parseEnv(raw: Readonly<Record<string, string | undefined>>): EnvValues {
  const set = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(set);
  if (result.success) return result.data;
  const bad = new Set(result.error.issues.map((issue) => issue.path[0] as Name));
  throw new ConfigError([...bad].map((name) => problem(name, raw[name])));
}

function problem(name: Name, value: string | undefined): string {
  const expected = `${name} must be ${envVariables[name].description ?? 'valid'}`;
  return secrets.has(name)
    ? `${expected} (value not shown)`
    : `${expected}, got ${JSON.stringify(value)}`;
}
