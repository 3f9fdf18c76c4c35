import { join, resolve } from 'node:path';
import { parseIsoDate } from './dates.js';
import { projectRoot } from './paths.js';

/**
 * The only reader of process.env. Parsed and validated once, frozen, passed down.
 * Every variable is documented in .env.example.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly cacheDir: string;
  readonly seedDir: string;
  /** Load the seed files at start when the graph is empty. */
  readonly loadSeeds: boolean;
  readonly neo4j: Neo4jConfig;
  /** API keys from ONEID_API_KEYS; undefined means "generate and keep local keys". */
  readonly apiKeys: ReadonlyMap<string, Role> | undefined;
  readonly identity: IdentityConfig;
  readonly rfm: RfmConfig;
  readonly graphqlLimits: GraphqlLimits;
  /**
   * Whether `__schema` and `__type` are answered (GraphiQL's docs and completion need them).
   * Default: on, except under NODE_ENV=production (the Docker image), as Apollo Server does.
   */
  readonly graphqlIntrospection: boolean;
  /**
   * Automatic persisted queries: the most query text (in characters) kept by hash, least
   * recently used first out; 0 turns APQ off.
   */
  readonly graphqlApqCacheSize: number;
  /**
   * A trusted-documents manifest (`{"sha256:<hex>": "<document>"}`, graphql-codegen's
   * `persisted-documents.json`): when set, only its operations run and APQ is off.
   */
  readonly graphqlTrustedDocuments: string | undefined;
  /** The real-time streams run by `oneid ingest`. */
  readonly ingest: IngestConfig;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * What one GraphQL request may ask for. Past any of them the request is refused with a 4xx
 * before anything runs; each check is linear in the size of the document.
 */
export interface GraphqlLimits {
  /** Longest query document, in UTF-8 bytes (HTTP 413). */
  readonly maxBytes: number;
  /** Most lexical tokens (names, punctuation, values; not comments) in a document (HTTP 413). */
  readonly maxTokens: number;
  /** Most aliased fields in a document. */
  readonly maxAliases: number;
  /** Most directives (`@include`, `@skip`, ...) in a document. */
  readonly maxDirectives: number;
  /** Deepest nesting of fields, fragments expanded. */
  readonly maxDepth: number;
  /**
   * Highest cost of the operation: each field costs 1, and a field with a `first` (or `limit`)
   * argument multiplies the cost of what it selects by its value (the variable's value when
   * one is given, the argument's default when none is).
   */
  readonly maxCost: number;
}

export interface Neo4jConfig {
  /** Set: use that server and provision nothing. Unset: provision and start a local Neo4j. */
  readonly uri: string | undefined;
  readonly user: string;
  /** Unset with a local server: a generated password kept in the cache folder. */
  readonly password: string | undefined;
  readonly database: string;
  readonly local: LocalNeo4jSettings;
}

export interface LocalNeo4jSettings {
  readonly version: string;
  readonly browserVersion: string;
  readonly boltPort: number;
  readonly httpPort: number;
  readonly heap: string;
  readonly pageCache: string;
}

export interface IdentityConfig {
  /** Links below this confidence are kept as candidates and never merge persons. */
  readonly linkThreshold: number;
  /** An identifier linked to more distinct identifiers than this is quarantined. */
  readonly supernodeLimit: number;
  /** Digits prepended to a raw mobile number without a country code. */
  readonly defaultCountryCode: string;
  /** JSON file overriding the identifier types (see src/identity/identifier-types.ts). */
  readonly typesFile: string | undefined;
  /** Confidence of the links an app event creates, per event channel. */
  readonly eventLinkConfidence: Readonly<Record<string, number>>;
}

export interface RfmConfig {
  /** Fixed reference date ("YYYY-MM-DD") for RFM and the stored bitmaps; unset: today. */
  readonly asOf: string | undefined;
  /** Cron expression of the scheduled full refresh (minute hour day month weekday). */
  readonly refreshCron: string;
  readonly highValueThreshold: number;
  /** JSON file overriding the segment rules (see src/rfm/segment-rules.ts). */
  readonly segmentRulesFile: string | undefined;
}

export interface IngestConfig {
  readonly kafka: KafkaIngestConfig;
  readonly cdc: CdcIngestConfig;
  /** Longest wait between two reconnection attempts to a source that went away, in ms. */
  readonly maxBackoffMs: number;
}

export interface KafkaIngestConfig {
  readonly enabled: boolean;
  /** Set: use these brokers and provision nothing. Unset: provision and start a local Kafka. */
  readonly brokers: readonly string[] | undefined;
  readonly topic: string;
  readonly groupId: string;
  readonly clientId: string;
  /** Messages that are not JSON or fail validation go here, with the reason in a header. */
  readonly deadLetterTopic: string;
  /** Most events written to the graph in one transaction. */
  readonly batchSize: number;
  /** How long a partial batch waits for more messages before it is written, in ms. */
  readonly lingerMs: number;
  readonly local: LocalKafkaSettings;
}

export interface LocalKafkaSettings {
  readonly version: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly heap: string;
}

export interface CdcIngestConfig {
  readonly enabled: boolean;
  /** Set: read that server's binlog and provision nothing. Unset: provision and start a local MariaDB. */
  readonly host: string | undefined;
  readonly port: number;
  readonly user: string;
  /** Unset with a local server: a generated password kept in the cache folder. */
  readonly password: string | undefined;
  /** Schema and table followed in the binlog. */
  readonly database: string;
  readonly table: string;
  /** Replica server id of the binlog reader; unique among the source's replicas. */
  readonly serverId: number;
  /** Most row changes written to the graph in one transaction. */
  readonly batchSize: number;
  readonly local: LocalMariaDbSettings;
}

export interface LocalMariaDbSettings {
  readonly port: number;
  readonly serverId: number;
}

export type Role = 'reader' | 'service' | 'steward';
export const roles: readonly Role[] = ['reader', 'service', 'steward'];

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const cacheDir = resolve(env.ONEID_CACHE_DIR ?? join(projectRoot, '.cache'));
  const config: Config = {
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 4000),
    cacheDir,
    seedDir: resolve(env.ONEID_SEED_DIR ?? join(projectRoot, 'seeds')),
    loadSeeds: bool(env, 'ONEID_LOAD_SEEDS', true),
    neo4j: {
      uri: env.NEO4J_URI || undefined,
      user: env.NEO4J_USER ?? 'neo4j',
      password: env.NEO4J_PASSWORD || undefined,
      database: env.NEO4J_DATABASE ?? 'neo4j',
      local: {
        version: env.ONEID_NEO4J_VERSION ?? '5.26.30',
        browserVersion: env.ONEID_NEO4J_BROWSER_VERSION ?? '5.24.0',
        boltPort: int(env, 'ONEID_NEO4J_BOLT_PORT', 7687),
        httpPort: int(env, 'ONEID_NEO4J_HTTP_PORT', 7474),
        heap: memory(env, 'ONEID_NEO4J_HEAP', '2g'),
        pageCache: memory(env, 'ONEID_NEO4J_PAGECACHE', '2g'),
      },
    },
    apiKeys: apiKeys(env.ONEID_API_KEYS),
    identity: {
      linkThreshold: fraction(env, 'ONEID_LINK_THRESHOLD', 0.8),
      supernodeLimit: int(env, 'ONEID_SUPERNODE_LIMIT', 50),
      defaultCountryCode: digits(env, 'ONEID_DEFAULT_COUNTRY_CODE', '86'),
      typesFile: env.ONEID_IDENTIFIER_TYPES_FILE || undefined,
      eventLinkConfidence: confidences(env.ONEID_EVENT_LINK_CONFIDENCE ?? 'miniapp=0.95,app=0.9'),
    },
    rfm: {
      asOf: isoDate(env, 'ONEID_AS_OF'),
      refreshCron: env.ONEID_RFM_REFRESH_CRON ?? '0 2 * * *',
      highValueThreshold: number(env, 'ONEID_HIGH_VALUE_THRESHOLD', 300),
      segmentRulesFile: env.ONEID_SEGMENT_RULES_FILE || undefined,
    },
    graphqlLimits: {
      maxBytes: positive(env, 'ONEID_GRAPHQL_MAX_BYTES', 32_768),
      maxTokens: positive(env, 'ONEID_GRAPHQL_MAX_TOKENS', 1000),
      maxAliases: int(env, 'ONEID_GRAPHQL_MAX_ALIASES', 30),
      maxDirectives: int(env, 'ONEID_GRAPHQL_MAX_DIRECTIVES', 50),
      maxDepth: positive(env, 'ONEID_GRAPHQL_MAX_DEPTH', 10),
      maxCost: positive(env, 'ONEID_GRAPHQL_MAX_COST', 5000),
    },
    graphqlIntrospection: bool(env, 'ONEID_GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production'),
    graphqlApqCacheSize: int(env, 'ONEID_GRAPHQL_APQ_CACHE_SIZE', 8_388_608),
    graphqlTrustedDocuments: env.ONEID_GRAPHQL_TRUSTED_DOCUMENTS
      ? resolve(env.ONEID_GRAPHQL_TRUSTED_DOCUMENTS)
      : undefined,
    ingest: ingestConfig(env),
    logLevel: oneOf(env, 'ONEID_LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
  };
  return deepFreeze(config);
}

function ingestConfig(env: Env): IngestConfig {
  const cdcHost = env.ONEID_CDC_HOST || undefined;
  const localMariaDbPort = int(env, 'ONEID_MARIADB_PORT', 3306);
  return {
    kafka: {
      enabled: bool(env, 'ONEID_KAFKA_ENABLED', true),
      brokers: list(env.ONEID_KAFKA_BROKERS),
      topic: name(env, 'ONEID_KAFKA_TOPIC', 'miniapp_app_events'),
      groupId: name(env, 'ONEID_KAFKA_GROUP_ID', 'cz_cdp_consumer'),
      clientId: name(env, 'ONEID_KAFKA_CLIENT_ID', 'oneid-graph'),
      deadLetterTopic: name(env, 'ONEID_KAFKA_DEAD_LETTER_TOPIC', 'miniapp_app_events.dlq'),
      batchSize: positive(env, 'ONEID_KAFKA_BATCH_SIZE', 5000),
      lingerMs: int(env, 'ONEID_KAFKA_LINGER_MS', 50),
      local: {
        version: env.ONEID_KAFKA_VERSION ?? '3.9.2',
        port: int(env, 'ONEID_KAFKA_PORT', 9092),
        controllerPort: int(env, 'ONEID_KAFKA_CONTROLLER_PORT', 9093),
        heap: memory(env, 'ONEID_KAFKA_HEAP', '512m'),
      },
    },
    cdc: {
      enabled: bool(env, 'ONEID_CDC_ENABLED', true),
      host: cdcHost,
      port: cdcHost === undefined ? localMariaDbPort : int(env, 'ONEID_CDC_PORT', 3306),
      user: env.ONEID_CDC_USER ?? 'oneid_cdc',
      password: env.ONEID_CDC_PASSWORD || undefined,
      database: name(env, 'ONEID_CDC_DATABASE', 'crm'),
      table: name(env, 'ONEID_CDC_TABLE', 'members'),
      serverId: positive(env, 'ONEID_CDC_SERVER_ID', 5401),
      batchSize: positive(env, 'ONEID_CDC_BATCH_SIZE', 1000),
      local: { port: localMariaDbPort, serverId: positive(env, 'ONEID_MARIADB_SERVER_ID', 1) },
    },
    maxBackoffMs: positive(env, 'ONEID_INGEST_MAX_BACKOFF_MS', 30_000),
  };
}

/** "a,b,c"; unset or empty is undefined. */
function list(raw: string | undefined): string[] | undefined {
  const items = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

/** A topic, group, schema or table name. */
function name(env: Env, key: string, fallback: string): string {
  const raw = env[key] || fallback;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(raw))
    throw new ConfigError(`${key} must be letters, digits, ".", "_" or "-", got "${raw}"`);
  return raw;
}

function positive(env: Env, key: string, fallback: number): number {
  const value = int(env, key, fallback);
  if (value < 1) throw new ConfigError(`${key} must be at least 1, got ${value}`);
  return value;
}

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

function number(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name} must be a number, got "${raw}"`);
  return value;
}

function fraction(env: Env, name: string, fallback: number): number {
  const value = number(env, name, fallback);
  if (value <= 0 || value > 1) throw new ConfigError(`${name} must be in (0, 1], got ${value}`);
  return value;
}

function isoDate(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (parseIsoDate(raw) === null)
    throw new ConfigError(`${name} must be a date YYYY-MM-DD, got "${raw}"`);
  return raw;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function memory(env: Env, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  if (!/^\d+[kmg]$/i.test(raw))
    throw new ConfigError(`${name} must look like 512m or 2g, got "${raw}"`);
  return raw.toLowerCase();
}

function digits(env: Env, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  if (!/^\d{1,4}$/.test(raw)) throw new ConfigError(`${name} must be 1 to 4 digits, got "${raw}"`);
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** "key:role,key:role" */
function apiKeys(raw: string | undefined): ReadonlyMap<string, Role> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const keys = new Map<string, Role>();
  for (const entry of raw.split(',')) {
    const [key, role] = entry.trim().split(':');
    if (!key || key.length < 16)
      throw new ConfigError('ONEID_API_KEYS: every key needs 16 characters at least');
    if (!role || !(roles as readonly string[]).includes(role)) {
      throw new ConfigError(
        `ONEID_API_KEYS: role must be one of ${roles.join(', ')}, got "${role ?? ''}"`,
      );
    }
    keys.set(key, role as Role);
  }
  return keys;
}

/** "miniapp=0.95,app=0.9" */
function confidences(raw: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of raw.split(',').filter((e) => e.trim() !== '')) {
    const [channel, value] = entry.trim().split('=');
    const confidence = Number(value);
    if (!channel || !(confidence > 0 && confidence <= 1)) {
      throw new ConfigError(`ONEID_EVENT_LINK_CONFIDENCE: bad entry "${entry}"`);
    }
    out[channel] = confidence;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Map)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
