import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 4000, local Neo4j', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.identity.linkThreshold).toBe(0.8);
    expect(Object.isFrozen(config.identity)).toBe(true);
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
    expect(loadConfig({}).graphqlLimits).toEqual({
      maxBytes: 32_768,
      maxTokens: 1000,
      maxAliases: 30,
      maxDirectives: 50,
      maxDepth: 10,
      maxCost: 5000,
    });
    expect(loadConfig({ ONEID_GRAPHQL_MAX_ALIASES: '0' }).graphqlLimits.maxAliases).toBe(0);
    expect(() => loadConfig({ ONEID_GRAPHQL_MAX_TOKENS: '0' })).toThrow(
      'ONEID_GRAPHQL_MAX_TOKENS must be at least 1, got 0',
    );
    expect(loadConfig({}).graphqlApqCacheSize).toBe(8_388_608);
    expect(loadConfig({}).graphqlTrustedDocuments).toBeUndefined();
    expect(
      loadConfig({ ONEID_GRAPHQL_TRUSTED_DOCUMENTS: 'docs.json' }).graphqlTrustedDocuments,
    ).toMatch(/^\/.*docs\.json$/);
    expect(() => loadConfig({ ONEID_GRAPHQL_INTROSPECTION: 'maybe' })).toThrow(
      /ONEID_GRAPHQL_INTROSPECTION must be true or false/,
    );
  });

  it('rejects bad values with the variable name', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      new ConfigError('PORT must be a whole number, got "abc"'),
    );
    expect(() => loadConfig({ ONEID_API_KEYS: 'short:reader' })).toThrow(/16 characters/);
    expect(() => loadConfig({ ONEID_API_KEYS: 'aaaaaaaaaaaaaaaa1:admin' })).toThrow(
      /role must be one of/,
    );
    expect(() => loadConfig({ ONEID_LINK_THRESHOLD: '1.5' })).toThrow(/ONEID_LINK_THRESHOLD/);
    expect(() => loadConfig({ ONEID_AS_OF: '2026-13-01' })).toThrow(/ONEID_AS_OF/);
    expect(() => loadConfig({ ONEID_AS_OF: '2026-02-30' })).toThrow(/ONEID_AS_OF/);
    expect(loadConfig({ ONEID_AS_OF: '2024-02-29' }).rfm.asOf).toBe('2024-02-29');
  });
});
