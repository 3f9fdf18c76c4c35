import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { envVariables } from '../../src/env-schema.js';
import { ConfigError } from '../../src/errors.js';
import { projectRoot } from '../../src/paths.js';

/** The ConfigError loadConfig throws for `env`, one line per bad variable. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

/** The config as plain data, the project root replaced by <root>, undefined fields kept. */
function normalized(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll(projectRoot, '<root>');
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v)]));
}

/** The variable names .env.example documents (`# NAME=...` lines). */
function documentedVariables(): string[] {
  const text = readFileSync(join(projectRoot, '.env.example'), 'utf8');
  return [...text.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? '');
}

describe('loadConfig', () => {
  it('keeps its defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config.identity)).toBe(true);
    expect(normalized(config)).toMatchInlineSnapshot(`
      {
        "apiKeys": undefined,
        "cacheDir": "<root>/.cache",
        "feed": {
          "maxWaitMs": 5000,
          "pollMs": 200,
          "retentionMs": 86400000,
        },
        "graphqlApqCacheSize": 8388608,
        "graphqlIntrospection": true,
        "graphqlLimits": {
          "maxAliases": 30,
          "maxBytes": 32768,
          "maxCost": 5000,
          "maxDepth": 10,
          "maxDirectives": 50,
          "maxTokens": 1000,
        },
        "graphqlTrustedDocuments": undefined,
        "host": "127.0.0.1",
        "identity": {
          "defaultCountryCode": "86",
          "eventLinkConfidence": {
            "app": 0.9,
            "miniapp": 0.95,
          },
          "linkThreshold": 0.8,
          "supernodeLimit": 50,
          "typesFile": undefined,
        },
        "ingest": {
          "cdc": {
            "batchSize": 1000,
            "database": "crm",
            "enabled": true,
            "host": undefined,
            "lease": {
              "renewMs": 3000,
              "ttlMs": 10000,
            },
            "local": {
              "port": 3306,
              "serverId": 1,
            },
            "password": undefined,
            "port": 3306,
            "serverId": 5401,
            "table": "members",
            "user": "oneid_cdc",
          },
          "kafka": {
            "batchSize": 5000,
            "brokers": undefined,
            "clientId": "oneid-graph",
            "deadLetterTopic": "miniapp_app_events.dlq",
            "enabled": true,
            "groupId": "cz_cdp_consumer",
            "lingerMs": 50,
            "local": {
              "controllerPort": 9093,
              "heap": "512m",
              "port": 9092,
              "version": "3.9.2",
            },
            "partitions": 1,
            "topic": "miniapp_app_events",
            "writers": 1,
          },
          "maxBackoffMs": 30000,
          "replicaId": undefined,
        },
        "loadSeeds": true,
        "logLevel": "info",
        "neo4j": {
          "database": "neo4j",
          "local": {
            "boltPort": 7687,
            "browserVersion": "5.24.0",
            "heap": "2g",
            "httpPort": 7474,
            "pageCache": "2g",
            "version": "5.26.30",
          },
          "password": undefined,
          "uri": undefined,
          "user": "neo4j",
        },
        "port": 4000,
        "rfm": {
          "asOf": undefined,
          "highValueThreshold": 300,
          "refreshCron": "0 2 * * *",
          "segmentRulesFile": undefined,
        },
        "seedDir": "<root>/seeds",
        "segments": {
          "packageVersionRetentionHours": 168,
        },
      }
    `);
  });

  it('parses API keys with roles', () => {
    const config = loadConfig({
      ONEID_API_KEYS: 'aaaaaaaaaaaaaaaa1:reader,bbbbbbbbbbbbbbbb2:steward',
    });
    expect([...(config.apiKeys ?? [])]).toEqual([
      ['aaaaaaaaaaaaaaaa1', 'reader'],
      ['bbbbbbbbbbbbbbbb2', 'steward'],
    ]);
  });

  it('has documented GraphQL limits, each configurable', () => {
    expect(loadConfig({ ONEID_GRAPHQL_MAX_ALIASES: '0' }).graphqlLimits.maxAliases).toBe(0);
    expect(loadConfig({ ONEID_GRAPHQL_MAX_COST: '7' }).graphqlLimits.maxCost).toBe(7);
    expect(problems({ ONEID_GRAPHQL_MAX_TOKENS: '0' })).toEqual([
      expect.stringMatching(/^ONEID_GRAPHQL_MAX_TOKENS must be .*at least 1.*, got "0"$/),
    ]);
    expect(problems({ ONEID_GRAPHQL_INTROSPECTION: 'maybe' })).toEqual([
      expect.stringMatching(/^ONEID_GRAPHQL_INTROSPECTION must be true or false/),
    ]);
    expect(loadConfig({}).graphqlApqCacheSize).toBe(8_388_608);
    expect(loadConfig({ ONEID_GRAPHQL_APQ_CACHE_SIZE: '0' }).graphqlApqCacheSize).toBe(0);
    expect(loadConfig({}).graphqlTrustedDocuments).toBeUndefined();
    expect(
      loadConfig({ ONEID_GRAPHQL_TRUSTED_DOCUMENTS: 'docs.json' }).graphqlTrustedDocuments,
    ).toMatch(/^\/.*docs\.json$/);
  });

  it('reads the usual spellings of a boolean, in any case', () => {
    for (const yes of ['1', 'true', 'YES', 'On']) {
      expect(loadConfig({ ONEID_LOAD_SEEDS: yes }).loadSeeds).toBe(true);
    }
    for (const no of ['0', 'false', 'No', 'OFF']) {
      expect(loadConfig({ ONEID_LOAD_SEEDS: no }).loadSeeds).toBe(false);
    }
  });

  it('rejects bad values naming the variable, the value and what is expected', () => {
    expect(problems({ PORT: 'abc' })).toEqual([
      'PORT must be a port: a whole number from 1 to 65535, got "abc"',
    ]);
    expect(problems({ ONEID_LINK_THRESHOLD: '1.5' })).toEqual([
      expect.stringMatching(/^ONEID_LINK_THRESHOLD must be .*, got "1.5"$/),
    ]);
    expect(problems({ ONEID_AS_OF: '2026-13-01' })).toEqual([
      expect.stringMatching(/^ONEID_AS_OF must be a date YYYY-MM-DD/),
    ]);
    expect(problems({ ONEID_AS_OF: '2026-02-30' })).toHaveLength(1);
    expect(loadConfig({ ONEID_AS_OF: '2024-02-29' }).rfm.asOf).toBe('2024-02-29');
    expect(problems({ ONEID_EVENT_LINK_CONFIDENCE: 'app=2' })).toHaveLength(1);
    expect(problems({ ONEID_NEO4J_HEAP: '2 GB' })).toHaveLength(1);
    expect(problems({ ONEID_KAFKA_TOPIC: 'a topic' })).toHaveLength(1);
    expect(problems({ ONEID_RFM_REFRESH_CRON: '61 2 * * *' })).toHaveLength(1);
    expect(problems({ ONEID_KAFKA_BATCH_SIZE: '99999999999999999999' })).toHaveLength(1);
    expect(problems({ ONEID_KAFKA_BROKERS: ' , ' })).toHaveLength(1);
    expect(problems({ ONEID_LOG_LEVEL: 'verbose' })).toEqual([
      'ONEID_LOG_LEVEL must be one of debug, info, warn, error, got "verbose"',
    ]);
  });

  it('wants the binlog lease renewed within its TTL', () => {
    expect(problems({ ONEID_CDC_LEASE_TTL_MS: '3000', ONEID_CDC_LEASE_RENEW_MS: '3000' })).toEqual([
      'ONEID_CDC_LEASE_RENEW_MS (3000) must be less than ONEID_CDC_LEASE_TTL_MS (3000)',
    ]);
    expect(
      loadConfig({ ONEID_CDC_LEASE_TTL_MS: '4000', ONEID_CDC_LEASE_RENEW_MS: '1000' }).ingest.cdc
        .lease,
    ).toEqual({ ttlMs: 4000, renewMs: 1000 });
  });

  it('reports every bad variable at once, in one ConfigError', () => {
    expect(
      problems({
        PORT: '0',
        ONEID_NEO4J_HEAP: 'lots',
        ONEID_LINK_THRESHOLD: '-1',
        ONEID_AS_OF: 'yesterday',
        ONEID_KAFKA_BATCH_SIZE: '0',
        ONEID_LOG_LEVEL: 'loud',
        HOST: '0.0.0.0',
      }).map((line) => line.split(' ')[0]),
    ).toEqual([
      'PORT',
      'ONEID_NEO4J_HEAP',
      'ONEID_LINK_THRESHOLD',
      'ONEID_AS_OF',
      'ONEID_LOG_LEVEL',
      'ONEID_KAFKA_BATCH_SIZE',
    ]);
  });

  it.each(['0', '65536', '80abc', ' 80', '80 ', '-1', '8.0', '0x50', '1e3'])(
    'refuses the port %j',
    (port) => {
      expect(problems({ PORT: port, ONEID_KAFKA_PORT: port })).toEqual([
        `PORT must be a port: a whole number from 1 to 65535, got ${JSON.stringify(port)}`,
        `ONEID_KAFKA_PORT must be a port: a whole number from 1 to 65535, got ${JSON.stringify(port)}`,
      ]);
    },
  );

  it.each(['1', '65535'])('accepts the port %s', (port) => {
    expect(loadConfig({ PORT: port }).port).toBe(Number(port));
  });

  it('never echoes a secret it refuses', () => {
    const secret = 'do-not-print-me:admin';
    const [line, ...rest] = problems({ ONEID_API_KEYS: secret });
    expect(rest).toEqual([]);
    expect(line).toMatch(/^ONEID_API_KEYS must be /);
    expect(line).not.toContain('do-not-print-me');
    expect(problems({ ONEID_API_KEYS: 'short:reader' })).toHaveLength(1);
    expect(problems({ ONEID_API_KEYS: 'aaaaaaaaaaaaaaaa1:admin' })).toHaveLength(1);
  });

  it.each(Object.keys(envVariables))('treats %s="" as unset', (name) => {
    expect(loadConfig({ [name]: '' })).toEqual(loadConfig({}));
  });

  it('knows exactly the variables .env.example documents', () => {
    expect(documentedVariables().sort()).toEqual(Object.keys(envVariables).sort());
  });
});
