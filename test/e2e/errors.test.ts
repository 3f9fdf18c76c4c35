import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../support/db.js';
import { KEYS, runCli, serviceEnv, startService, type RunningService } from '../support/service.js';

let db: Gateway;
let service: RunningService;

beforeAll(async () => {
  db = await freshDatabase();
  service = await startService(14002, { ONEID_LOAD_SEEDS: 'false', ONEID_GRAPHQL_MAX_DEPTH: '3' });
});
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

describe('bad input gets a clear error and loses nothing', () => {
  it('reports each bad CRM row with file, line and reason, loads the rest, and exits 2', async () => {
    const file = join(projectRoot, 'test', 'fixtures', 'bad-crm.csv');
    const { code, stderr, stdout } = await runCli(['load', 'crm', file], serviceEnv());
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:3: malformed date "1985-13-23" in birthday`);
    expect(stderr).toContain(`${file}:4: malformed number "many" in total_points`);
    expect(stderr).toContain(`${file}:5: wrong number of fields: expected 11, found 3`);
    expect(stderr).toContain(`${file}:6: empty member_id`);
    expect(JSON.parse(stdout.trim())).toMatchObject({ rows: 6, loaded: 2, rejected: 4 });
    const { data } = await service.gql<{
      a: { oneId: string } | null;
      b: { oneId: string } | null;
    }>(
      '{ a: person(identifier: {type: "member_id", value: "MBRX01"}) { oneId } b: person(identifier: {type: "member_id", value: "MBRX06"}) { oneId } }',
    );
    expect(data?.a?.oneId).toBeTruthy();
    expect(data?.b?.oneId).toBeTruthy();
  });

  it('reports bad event lines (not JSON, bad price, no identifier, impossible date) and loads the rest', async () => {
    const file = join(projectRoot, 'test', 'fixtures', 'bad-events.jsonl');
    const { code, stderr } = await runCli(['load', 'events', file], serviceEnv());
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:2: not JSON`);
    expect(stderr).toContain(`${file}:3: malformed number "cheap" in item_price`);
    expect(stderr).toContain(`${file}:4: no identifier`);
    expect(stderr).toContain(`${file}:5: malformed date "2024-11-31 08:15:00" in event_time`);
    const { data } = await service.gql<{ person: { oneId: string } | null }>(
      '{ person(identifier: {type: "union_id", value: "union_x6"}) { oneId } }',
    );
    expect(data?.person?.oneId).toBeTruthy();
  });

  it('answers 401 without a key and FORBIDDEN with a role too low', async () => {
    const none = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const wrong = await service.gql('{ __typename }', {}, 'not-a-key-at-all-xxxxxxxx');
    expect(wrong.status).toBe(401);
    const low = await service.gql(
      'mutation { resolveId(type: "union_id", value: "u1") { oneId } }',
      {},
      KEYS.reader,
    );
    expect(low.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const steward = await service.gql('{ identityStats { persons } }', {}, KEYS.service);
    expect(steward.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const fn = await fetch(`${service.url}/functions/call_id_graph`, {
      method: 'POST',
      headers: { 'x-api-key': KEYS.reader },
      body: '{"calls":[]}',
    });
    expect(fn.status).toBe(403);
  });

  it('answers BAD_USER_INPUT naming the field', async () => {
    const cases: [string, string][] = [
      ['{ person(identifier: {type: "shoe_size", value: "42"}) { oneId } }', 'identifier.type'],
      ['{ person { oneId } }', 'oneId'],
      ['{ segmentDistribution(asOf: "2026-02-30x") { segment } }', 'asOf'],
      ['{ audience(expression: "(\\"At Risk\\" AND") { count } }', 'expression'],
      ['{ people(first: 0) { totalCount } }', 'first'],
    ];
    for (const [query, field] of cases) {
      const res = await service.gql(query);
      expect({ query, error: res.errors?.[0]?.extensions }).toMatchObject({
        query,
        error: { code: 'BAD_USER_INPUT', field },
      });
    }
    // a date refused by the Date scalar in a variable names the argument the variable feeds
    const variable = await service.gql(
      'query($d: Date) { segmentDistribution(asOf: $d) { segment } }',
      { d: '2026-02-30' },
    );
    expect(variable.errors).toEqual([
      {
        message: 'asOf must be a date YYYY-MM-DD, got "2026-02-30".',
        locations: [{ line: 1, column: 7 }],
        extensions: { code: 'BAD_USER_INPUT', field: 'asOf' },
      },
    ]);
    const unknownTag = await service.gql('{ audience(expression: "NoSuchTag") { count } }');
    expect(unknownTag.errors?.[0]?.message).toMatch(/Unknown tag "NoSuchTag" at position 0/);
    const mobile = await service.gql(
      'mutation { resolveId(type: "mobile", value: "12") { oneId } }',
      {},
      KEYS.service,
    );
    expect(mobile.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'value',
    });
  });

  it('limits query depth', async () => {
    const res = await service.gql(
      '{ person(oneId: "x") { identifiers { type } } a: audiencePackages { persons { nodes { identifiers { type } } } } }',
    );
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Query depth \d+ exceeds the limit of 3/),
    });
  });

  it('stores only the hash of a raw mobile number', async () => {
    const res = await service.gql<{ resolveId: { oneId: string; created: boolean } }>(
      'mutation { resolveId(type: "mobile", value: "+86 138 0013 8000") { oneId created } }',
      {},
      KEYS.service,
    );
    expect(res.data?.resolveId.created).toBe(true);
    const plain = await db.readQuery<{ pid: number | null }>('identity/resolve-keys', {
      keys: ['mobile_hash:+8613800138000'],
    });
    expect(plain[0]?.pid ?? null).toBeNull();
    const leaked = await db.driver.executeQuery(
      "MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS '13800138000') RETURN count(n) AS c",
    );
    expect(leaked.records[0]?.get('c').toNumber()).toBe(0);
  });
});
