import { ConfigError } from './errors.js';
import { parseEnv, type EnvValues, type Role } from './env-schema.js';

export { roles, type Role } from './env-schema.js';

/**
 * The only reader of process.env. Parsed and validated once (by the schema in env-schema.ts),
 * frozen, passed down. Every variable is documented in .env.example.
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
  readonly feed: FeedConfig;
  readonly segments: SegmentsConfig;
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
  /** More neo4j.conf settings, by name (e.g. a transaction log retention for a bench). */
  readonly conf?: Readonly<Record<string, string>>;
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

/** The change feed every process follows (see src/rfm/change-feed.ts). */
export interface FeedConfig {
  /** How often the graph's sequence is read when nothing else wakes the follower, in ms. */
  readonly pollMs: number;
  /** Longest wait for a request's `x-oneid-min-seq`, in ms. */
  readonly maxWaitMs: number;
  /** How long feed entries are kept, in ms; a process further behind rebuilds its caches. */
  readonly retentionMs: number;
}

/** Audience packages (see src/segments/live-packages.ts). */
export interface SegmentsConfig {
  /**
   * Hours a package version is kept for `audienceDelta`; older ones are pruned, except each
   * package's latest (ONEID_PACKAGE_VERSION_RETENTION_HOURS, default 168: a week).
   */
  readonly packageVersionRetentionHours: number;
}

export interface IngestConfig {
  readonly kafka: KafkaIngestConfig;
  readonly cdc: CdcIngestConfig;
  /** Longest wait between two reconnection attempts to a source that went away, in ms. */
  readonly maxBackoffMs: number;
  /**
   * This process among the replicas on one Neo4j (the holder name of the binlog lease);
   * unset: `host:pid:random` (see replicaName).
   */
  readonly replicaId: string | undefined;
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
  /**
   * Batches written to the graph at the same time (each in its own transaction); offsets
   * are still committed in order, each once its batch and every earlier one are stored.
   */
  readonly writers: number;
  /**
   * Partitions of the topic when the service creates it (it is missing): at least the number
   * of replicas, since a partition is consumed by one replica of the group at a time. An
   * existing topic is left as it is (a warning says when it has fewer).
   */
  readonly partitions: number;
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
  /**
   * One replica follows the binlog at a time, holding a lease kept in Neo4j: another takes
   * it over `ttlMs` after the holder's last renewal (it died), or at once when released.
   */
  readonly lease: { readonly ttlMs: number; readonly renewMs: number };
  readonly local: LocalMariaDbSettings;
}

export interface LocalMariaDbSettings {
  readonly port: number;
  readonly serverId: number;
}

/** Throws one ConfigError naming every bad variable (see parseEnv). */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config {
  const e = parseEnv(env);
  const config: Config = {
    host: e.HOST,
    port: e.PORT,
    cacheDir: e.ONEID_CACHE_DIR,
    seedDir: e.ONEID_SEED_DIR,
    loadSeeds: e.ONEID_LOAD_SEEDS,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      local: {
        version: e.ONEID_NEO4J_VERSION,
        browserVersion: e.ONEID_NEO4J_BROWSER_VERSION,
        boltPort: e.ONEID_NEO4J_BOLT_PORT,
        httpPort: e.ONEID_NEO4J_HTTP_PORT,
        heap: e.ONEID_NEO4J_HEAP,
        pageCache: e.ONEID_NEO4J_PAGECACHE,
      },
    },
    apiKeys: e.ONEID_API_KEYS,
    identity: {
      linkThreshold: e.ONEID_LINK_THRESHOLD,
      supernodeLimit: e.ONEID_SUPERNODE_LIMIT,
      defaultCountryCode: e.ONEID_DEFAULT_COUNTRY_CODE,
      typesFile: e.ONEID_IDENTIFIER_TYPES_FILE,
      eventLinkConfidence: e.ONEID_EVENT_LINK_CONFIDENCE,
    },
    rfm: {
      asOf: e.ONEID_AS_OF,
      refreshCron: e.ONEID_RFM_REFRESH_CRON,
      highValueThreshold: e.ONEID_HIGH_VALUE_THRESHOLD,
      segmentRulesFile: e.ONEID_SEGMENT_RULES_FILE,
    },
    feed: {
      pollMs: e.ONEID_FEED_POLL_MS,
      maxWaitMs: e.ONEID_FEED_MAX_WAIT_MS,
      retentionMs: e.ONEID_FEED_RETENTION_HOURS * 3_600_000,
    },
    segments: { packageVersionRetentionHours: e.ONEID_PACKAGE_VERSION_RETENTION_HOURS },
    graphqlLimits: {
      maxBytes: e.ONEID_GRAPHQL_MAX_BYTES,
      maxTokens: e.ONEID_GRAPHQL_MAX_TOKENS,
      maxAliases: e.ONEID_GRAPHQL_MAX_ALIASES,
      maxDirectives: e.ONEID_GRAPHQL_MAX_DIRECTIVES,
      maxDepth: e.ONEID_GRAPHQL_MAX_DEPTH,
      maxCost: e.ONEID_GRAPHQL_MAX_COST,
    },
    // unset: on, except under NODE_ENV=production (the Docker image), as Apollo Server does
    graphqlIntrospection: e.ONEID_GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== 'production',
    graphqlApqCacheSize: e.ONEID_GRAPHQL_APQ_CACHE_SIZE,
    graphqlTrustedDocuments: e.ONEID_GRAPHQL_TRUSTED_DOCUMENTS,
    ingest: ingestConfig(e),
    logLevel: e.ONEID_LOG_LEVEL,
  };
  return deepFreeze(config);
}

function ingestConfig(e: EnvValues): IngestConfig {
  if (e.ONEID_CDC_LEASE_RENEW_MS >= e.ONEID_CDC_LEASE_TTL_MS)
    throw new ConfigError(
      `ONEID_CDC_LEASE_RENEW_MS (${e.ONEID_CDC_LEASE_RENEW_MS}) must be less than ONEID_CDC_LEASE_TTL_MS (${e.ONEID_CDC_LEASE_TTL_MS})`,
    );
  return {
    kafka: {
      enabled: e.ONEID_KAFKA_ENABLED,
      brokers: e.ONEID_KAFKA_BROKERS,
      topic: e.ONEID_KAFKA_TOPIC,
      groupId: e.ONEID_KAFKA_GROUP_ID,
      clientId: e.ONEID_KAFKA_CLIENT_ID,
      deadLetterTopic: e.ONEID_KAFKA_DEAD_LETTER_TOPIC,
      batchSize: e.ONEID_KAFKA_BATCH_SIZE,
      lingerMs: e.ONEID_KAFKA_LINGER_MS,
      writers: e.ONEID_KAFKA_WRITERS,
      partitions: e.ONEID_KAFKA_PARTITIONS,
      local: {
        version: e.ONEID_KAFKA_VERSION,
        port: e.ONEID_KAFKA_PORT,
        controllerPort: e.ONEID_KAFKA_CONTROLLER_PORT,
        heap: e.ONEID_KAFKA_HEAP,
      },
    },
    cdc: {
      enabled: e.ONEID_CDC_ENABLED,
      host: e.ONEID_CDC_HOST,
      // without a host of its own, CDC reads the local MariaDB
      port: e.ONEID_CDC_HOST === undefined ? e.ONEID_MARIADB_PORT : e.ONEID_CDC_PORT,
      user: e.ONEID_CDC_USER,
      password: e.ONEID_CDC_PASSWORD,
      database: e.ONEID_CDC_DATABASE,
      table: e.ONEID_CDC_TABLE,
      serverId: e.ONEID_CDC_SERVER_ID,
      batchSize: e.ONEID_CDC_BATCH_SIZE,
      lease: { ttlMs: e.ONEID_CDC_LEASE_TTL_MS, renewMs: e.ONEID_CDC_LEASE_RENEW_MS },
      local: { port: e.ONEID_MARIADB_PORT, serverId: e.ONEID_MARIADB_SERVER_ID },
    },
    maxBackoffMs: e.ONEID_INGEST_MAX_BACKOFF_MS,
    replicaId: e.ONEID_REPLICA_ID,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Map)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
