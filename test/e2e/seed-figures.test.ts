import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { projectRoot } from '../../src/paths.js';
import { freshDatabase } from '../support/db.js';
import { KEYS, runCli, startService, type RunningService } from '../support/service.js';
import { sha256Hex } from '../../src/identity/normalize.js';
import { centsText } from '../../src/rows/cents.js';
import { parseDecimal } from '../../src/rows/decimal.js';
import { revenueCents } from '../../src/rows/revenue-cents.js';
import { parseLogLines } from '../support/log-capture.js';

const MONEY = new Set(['totalRevenue', 'avgOrderValue', 'monetary', 'avgMonetary']);

/**
 * JSON.parse reviver: a money number of expected.json becomes the text the API sends for it,
 * converted from the number as written in the file (123.4 → "123.40"), never through a float.
 */
function moneyAsText(key: string, value: unknown, context?: { source?: string }): unknown {
  if (!MONEY.has(key) || typeof value !== 'number') return value;
  const amount = parseDecimal(context?.source ?? '');
  const cents = amount !== null && amount.scale <= 2 ? revenueCents(1, amount) : null;
  if (cents === null) throw new Error(`expected.json: ${key} ${context?.source} is not in cents`);
  return centsText(cents);
}

const expected = JSON.parse(
  readFileSync(join(projectRoot, 'seeds', 'expected.json'), 'utf8'),
  moneyAsText,
);
const asOf: string = expected.asOf;

let db: Gateway;
let service: RunningService;
/** The stderr of every `oneid` process of this run that has ended. */
const endedLogs: string[] = [];

beforeAll(async () => {
  db = await freshDatabase();
  service = await startService(14001);
});
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

/** A person named as expected.json names it: its member_id, else its customer_id. */
const nameOf = (ids: { type: string; value: string }[]) =>
  ids.find((i) => i.type === 'member_id')?.value ??
  ids.find((i) => i.type === 'customer_id')?.value;

describe('the seed data through the API (expected.json)', () => {
  it('loads the seeds at start and counts the rows of every source', async () => {
    const { data } = await service.gql<{
      sourceStats: { source: string; rows: number; rejected: number }[];
    }>('{ sourceStats { source rows rejected } }');
    const rows = Object.fromEntries((data?.sourceStats ?? []).map((s) => [s.source, s.rows]));
    expect(rows).toEqual(expected.odsCounts);
  });

  it('MBR001 holds its mobile, email, union, open id and device', async () => {
    const { data } = await service.gql<{
      person: { oneId: string; identifiers: { type: string; value: string }[] };
    }>(
      '{ person(identifier: {type: "member_id", value: "MBR001"}) { oneId identifiers { type value } } }',
    );
    const values = data?.person.identifiers.map((i) => i.value);
    expect(values).toEqual(
      expect.arrayContaining([
        'MBR001',
        sha256Hex('hash_mobile_001'),
        sha256Hex('hash_email_001'),
        'union_001',
        'open_001',
        'DEV001',
      ]),
    );
  });

  it("a person page shows the identifiers with their links and the member's CRM profile", async () => {
    const { data } = await service.gql<{
      member: {
        identifiers: { type: string; value: string; source: string; confidence: number }[];
        profile: Record<string, unknown> | null;
      };
      customer: { identifiers: { value: string }[]; profile: null };
    }>(
      `{ member: person(identifier: {type: "member_id", value: "MBR001"}) {
           identifiers { type value source confidence } profile { memberId realName level totalPoints deleted } }
         customer: person(identifier: {type: "customer_id", value: "CUS013085"}) {
           identifiers { value } profile { memberId } } }`,
    );
    expect(data?.member.profile).toEqual({
      memberId: 'MBR001',
      realName: 'Alice Wang',
      level: 'gold',
      totalPoints: 1200,
      deleted: false,
    });
    expect(data?.member.identifiers).toContainEqual(
      expect.objectContaining({
        type: 'mobile_hash',
        value: sha256Hex('hash_mobile_001'),
        confidence: 1,
      }),
    );
    expect(data?.customer).toEqual({ identifiers: [{ value: 'CUS013085' }], profile: null });
  });

  it('ten members and sixteen retail customers are 26 persons', async () => {
    const { data } = await service.gql<{ identityStats: { persons: number; conflicts: number } }>(
      '{ identityStats { persons conflicts } }',
      {},
      KEYS.steward,
    );
    expect(data?.identityStats).toEqual({ persons: 26, conflicts: 0 });
  });

  it('reads the money of expected.json as exact text', () => {
    expect(expected.channelDistribution[1]).toMatchObject({
      totalRevenue: '1306.00',
      avgOrderValue: '326.50',
    });
    expect(expected.segmentDistribution[2].avgMonetary).toBe('101.79');
  });

  it('reproduces the channel distribution', async () => {
    const { data } = await service.gql<{ channelDistribution: unknown[] }>(
      '{ channelDistribution { channel uniqueUsers purchaseCount totalRevenue avgOrderValue } }',
    );
    expect(data?.channelDistribution).toEqual(expected.channelDistribution);
  });

  it('reproduces the top 10 persons by monetary value', async () => {
    const { data } = await service.gql<{
      people: {
        nodes: { identifiers: { type: string; value: string }[]; rfm: Record<string, unknown> }[];
      };
    }>(
      `query($asOf: Date) { people(asOf: $asOf, orderBy: MONETARY_DESC, first: 10) {
         nodes { identifiers { type value } rfm(asOf: $asOf) { recencyDays frequency monetary lastPurchaseDate } } } }`,
      { asOf },
    );
    const top = data?.people.nodes.map((n) => ({ person: nameOf(n.identifiers), ...n.rfm }));
    expect(top).toEqual(expected.rfmTop10ByMonetary);
  });

  it('reproduces the segment distribution', async () => {
    const { data } = await service.gql<{ segmentDistribution: unknown[] }>(
      'query($asOf: Date) { segmentDistribution(asOf: $asOf) { segment userCount avgMonetary avgFrequency avgRecencyDays } }',
      { asOf },
    );
    expect(data?.segmentDistribution).toEqual(expected.segmentDistribution);
  });

  it('reproduces the bitmap cardinalities and the segment algebra', async () => {
    const { data } = await service.gql<{ segments: { tag: string; count: number }[] }>(
      'query($asOf: Date) { segments(asOf: $asOf) { tag count } }',
      { asOf },
    );
    expect(Object.fromEntries((data?.segments ?? []).map((s) => [s.tag, s.count]))).toEqual(
      expected.segmentCardinalities,
    );
    for (const [expression, count] of Object.entries(expected.algebra)) {
      const res = await service.gql<{ audience: { count: number } }>(
        'query($e: String!, $asOf: Date) { audience(expression: $e, asOf: $asOf) { count } }',
        { e: expression, asOf },
      );
      expect({ expression, count: res.data?.audience.count }).toEqual({ expression, count });
    }
  });

  it('package PKG001 freezes exactly MBR004, MBR006 and MBR010 and exports them', async () => {
    const created = await service.gql<{ createAudiencePackage: { count: number } }>(
      'mutation { createAudiencePackage(id: "PKG001", name: "At Risk, high value", expression: "\\"At Risk\\" AND \\"High Value\\"", asOf: "2026-06-06") { count } }',
      {},
      KEYS.service,
    );
    expect(created.data?.createAudiencePackage.count).toBe(3);
    const { data } = await service.gql<{
      audiencePackage: { persons: { nodes: { identifiers: { type: string; value: string }[] }[] } };
    }>(
      '{ audiencePackage(id: "PKG001") { persons(first: 10) { nodes { identifiers { type value } } } } }',
    );
    expect(data?.audiencePackage.persons.nodes.map((n) => nameOf(n.identifiers)).sort()).toEqual(
      expected['audiencePackage PKG001 (At Risk AND High Value)'],
    );
    const again = await service.gql(
      'mutation { createAudiencePackage(id: "PKG001", name: "x", expression: "Lost") { count } }',
      {},
      KEYS.service,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const csv = await (
      await fetch(`${service.url}/audience-packages/PKG001.csv`, {
        headers: { 'x-api-key': KEYS.reader },
      })
    ).text();
    expect(csv.trim().split('\n')).toHaveLength(4);
    expect(csv).toContain(sha256Hex('hash_mobile_004'));
  });

  it('resolveId and the external function answer MBR004 for union_004', async () => {
    const person = await service.gql<{ person: { oneId: string } }>(
      '{ person(identifier: {type: "member_id", value: "MBR004"}) { oneId } }',
    );
    const oneId = person.data?.person.oneId;
    const resolved = await service.gql<{
      resolveId: { oneId: string; created: boolean; matchedBy: string };
    }>(
      'mutation { resolveId(type: "union_id", value: "union_004") { oneId created matchedBy } }',
      {},
      KEYS.service,
    );
    expect(resolved.data?.resolveId).toEqual({ oneId, created: false, matchedBy: 'EXISTING' });
    const call = (body: unknown) =>
      fetch(`${service.url}/functions/call_id_graph`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEYS.service },
        body: JSON.stringify(body),
      });
    expect(
      await (
        await call({
          data: [
            [0, 'union_004', 'union_id'],
            [1, 'nobody', 'union_id'],
          ],
        })
      ).json(),
    ).toEqual({
      data: [
        [0, oneId],
        [1, null],
      ],
    });
    expect(await (await call({ calls: [['union_004', 'union_id']] })).json()).toEqual({
      replies: [oneId],
    });
    const bad = await call({ calls: [['only one']] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errorMessage: expect.stringContaining('calls[0]') });
  });

  it('loading the seed files again changes nothing', async () => {
    for (const [kind, file] of [
      ['crm', 'crm_members.csv'],
      ['mappings', 'id_mapping.csv'],
      ['events', 'app_events.jsonl'],
      ['retail', 'retail_transactions.csv'],
    ]) {
      const result = await runCli([
        'load',
        kind as string,
        join(projectRoot, 'seeds', file as string),
      ]);
      expect(result.code, result.stderr).toBe(0);
      endedLogs.push(result.stderr);
    }
    const { data } = await service.gql<{
      sourceStats: { source: string; rows: number }[];
      channelDistribution: unknown[];
    }>(
      '{ sourceStats { source rows } channelDistribution { channel uniqueUsers purchaseCount totalRevenue avgOrderValue } }',
    );
    expect(Object.fromEntries((data?.sourceStats ?? []).map((s) => [s.source, s.rows]))).toEqual(
      expected.odsCounts,
    );
    expect(data?.channelDistribution).toEqual(expected.channelDistribution);
  });

  it('a restart keeps the data and loads the bitmaps instead of rebuilding them', async () => {
    expect(await service.stop()).toBe(0);
    endedLogs.push(service.logs());
    service = await startService(14001);
    expect(parseLogLines(service.logs())).toContainEqual(
      expect.objectContaining({ msg: 'Segment bitmaps ready', reason: 'loaded stored bitmaps' }),
    );
    const { data } = await service.gql<{ segments: { tag: string; count: number }[] }>(
      '{ segments { tag count } }',
    );
    expect(Object.fromEntries((data?.segments ?? []).map((s) => [s.tag, s.count]))).toEqual(
      expected.segmentCardinalities,
    );
  });
});

describe('the logs of the seed run', () => {
  const graphql = (headers: Record<string, string>) =>
    fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.reader, ...headers },
      body: JSON.stringify({
        query: 'query Page { person(identifier: {type: "member_id", value: "MBR001"}) { oneId } }',
      }),
    });
  /** The lines `oneid serve` wrote with `reqId`, once the request's last line is written. */
  const linesOf = async (reqId: string | null) => {
    await new Promise((r) => setTimeout(r, 100));
    return parseLogLines(service.logs()).filter((l) => l.reqId === reqId);
  };

  it("a GraphQL request's log lines carry its request id, which is sent back", async () => {
    const given = await graphql({ 'x-request-id': 'test-123' });
    expect(given.headers.get('x-request-id')).toBe('test-123');
    expect(await linesOf('test-123')).toEqual([
      expect.objectContaining({
        msg: 'graphql operation',
        operation: 'Page',
        ms: expect.any(Number),
      }),
      expect.objectContaining({ msg: 'request done', path: '/graphql', status: 200 }),
    ]);
    const made = (await graphql({})).headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect((await linesOf(made)).map((l) => l.msg)).toEqual(['graphql operation', 'request done']);
  });

  it('hold JSON lines only, and no API key, contact hash or profile name of the seeds', async () => {
    const lines = [...endedLogs, service.logs()].flatMap(parseLogLines);
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => l.level < 30)).toEqual([]); // ONEID_LOG_LEVEL defaults to info
    // the second createAudiencePackage PKG001, with the code its answer carries
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'graphql operation', type: 'mutation', errors: ['CONFLICT'] }),
    );
    const text = JSON.stringify(lines);
    const crm = readFileSync(join(projectRoot, 'seeds', 'crm_members.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(','));
    // member_id, mobile_hash, email_hash, real_name, ...
    const secrets = [
      ...Object.values(KEYS),
      ...crm.flatMap(([, mobile, email, name]) => [mobile, email, name]),
    ].filter((s): s is string => Boolean(s));
    expect(secrets.length).toBeGreaterThan(25);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
  });
});
