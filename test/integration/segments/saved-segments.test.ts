import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { AppEvent } from '../../../src/events/app-event.js';
import { normalizeEventIds } from '../../../src/events/event-identifiers.js';
import { writeEvents } from '../../../src/events/event-writer.js';
import { loadFile } from '../../../src/ingest/load-file.js';
import type { InProcessGraphql } from '../../support/graphql-exec.js';
import { twoProcesses, type TwoProcesses } from '../../support/two-processes.js';

/**
 * Saved segments through GraphQL on the seed data, against the real Neo4j: rule, expression
 * and static segments kept current by the change feed, in this process and in another.
 */

const asOf = '2026-06-06';
const config = loadConfig({ ONEID_AS_OF: asOf, ONEID_FEED_POLL_MS: '50' });

let app: App;
let other: App;
let gql: InProcessGraphql;

const DEFINE = `mutation($input: SegmentInput!) {
  defineSegment(input: $input) { name kind definition version count dependsOn usedBy }
}`;

interface Saved {
  name: string;
  kind: string;
  definition: string;
  version: number;
  count: number;
  dependsOn: string[];
  usedBy: string[];
}

async function define(name: string, kind: string, definition = ''): Promise<Saved> {
  const data = await gql.ok<{ defineSegment: Saved }>(
    DEFINE,
    { input: { name, kind: kind.toUpperCase(), definition } },
    'marketer',
  );
  return data.defineSegment;
}

/** The error of an operation that must fail. */
async function failure(query: string, variables: Record<string, unknown>) {
  const result = await gql.run(query, variables, 'marketer');
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  return result.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

/** Member identifiers (member_id or customer_id) of a tag's persons, sorted. */
async function members(tag: string): Promise<string[]> {
  const data = await gql.ok<{
    audience: { persons: { nodes: { identifiers: { type: string; value: string }[] }[] } };
  }>(
    `query($e: String!) { audience(expression: $e) { persons(first: 100) { nodes { identifiers { type value } } } } }`,
    { e: JSON.stringify(tag) },
  );
  return data.audience.persons.nodes
    .map(
      (n) =>
        n.identifiers.find((i) => i.type === 'member_id' || i.type === 'customer_id')?.value ??
        n.identifiers[0]?.value ??
        '',
    )
    .sort();
}

const counts = async (a: App) =>
  Object.fromEntries((await a.audiences.list(asOf)).map((t) => [t.tag, t.count]));

let purchases = 0;
/** A purchase in the app by the person holding union id `unionId`. */
async function purchase(unionId: string, cents: number): Promise<void> {
  const n = ++purchases;
  const event = {
    eventId: `SAVED-${n}`,
    eventType: 'purchase',
    channel: 'app',
    platform: 'ios',
    pageName: null,
    sessionId: `S-SAVED-${n}`,
    itemId: 'ITEM-1',
    priceCents: cents,
    time: '2026-06-01T10:00:00',
    unionId,
    openId: null,
    deviceId: null,
  } as AppEvent;
  await writeEvents(app.identity, [normalizeEventIds(app.identity, event)], {});
}

let processes: TwoProcesses | undefined;

beforeAll(async () => {
  processes = await twoProcesses(config);
  ({ app, other, gql } = processes);
});
afterAll(() => processes?.close());

describe('saved segments', () => {
  it('seeds the RFM group and High Value as rule segments with the seed’s counts', async () => {
    const data = await gql.ok<{ savedSegments: (Saved & { group: string | null })[] }>(
      '{ savedSegments { name kind definition group rank version count } }',
    );
    const byName = Object.fromEntries(data.savedSegments.map((s) => [s.name, s]));
    expect(byName['Champions']).toMatchObject({
      kind: 'RULE',
      group: 'rfm',
      definition: 'recencyDays <= 200 AND frequency >= 2 AND monetary >= 300',
      version: 1,
    });
    expect(byName['At Risk']).toMatchObject({ count: 7, group: 'rfm' });
    expect(byName['Loyal Customers']?.count).toBe(1);
    expect(byName['Lost']?.count).toBe(16);
    expect(byName['High Value']).toMatchObject({ kind: 'RULE', group: null, count: 3 });
  });

  it('a rule segment gives the persons the seed’s figures imply, and an expression over it follows a purchase', async () => {
    const big = await define('Big spenders', 'rule', 'monetary >= 300');
    expect(big).toMatchObject({ kind: 'RULE', version: 1, count: 3 });
    expect(await members('Big spenders')).toEqual(['MBR004', 'MBR006', 'MBR010']);

    const app2 = await define('Big app spenders', 'expression', '"Big spenders" AND channel_app');
    expect(app2).toMatchObject({ count: 2, dependsOn: ['Big spenders'] });
    expect(await members('Big app spenders')).toEqual(['MBR004', 'MBR006']);

    // union_002 (MBR002, 199.00 in the app) buys 150.00 more: 349.00
    await purchase('union_002', 15_000);
    expect(await members('Big spenders')).toEqual(['MBR002', 'MBR004', 'MBR006', 'MBR010']);
    expect(await members('Big app spenders')).toEqual(['MBR002', 'MBR004', 'MBR006']);
    const listed = await gql.ok<{ savedSegment: Saved }>(
      '{ savedSegment(name: "Big spenders") { count usedBy } }',
    );
    expect(listed.savedSegment).toEqual({ count: 4, usedBy: ['Big app spenders'] });

    // another process follows the definitions and the purchase through the feed
    await other.rfm.feed.waitFor(app.rfm.feed.committed);
    expect(await counts(other)).toMatchObject({ 'Big spenders': 4, 'Big app spenders': 3 });

    // the person page computes the same segments from the person's own data
    const page = await gql.ok<{ person: { segments: string[] } }>(
      '{ person(identifier: {type: "member_id", value: "MBR002"}) { segments } }',
    );
    expect(page.person.segments).toEqual(
      expect.arrayContaining(['Big spenders', 'Big app spenders']),
    );
  });

  it('a rule over profile fields and identifier types holds every person it names, buyers or not', async () => {
    // the seed's CRM file: gold members, and 1,000 points or more
    const gold = await define('Gold', 'rule', 'level = "gold" AND totalPoints >= 1500');
    expect(gold.count).toBe(3);
    expect(await members('Gold')).toEqual(['MBR004', 'MBR006', 'MBR010']);
    const noWechat = await define(
      'Members without WeChat',
      'rule',
      'identifierTypes CONTAINS "member_id" AND NOT identifierTypes CONTAINS ANY ("union_id", "open_id")',
    );
    const wechat = await define(
      'Members with WeChat',
      'rule',
      'identifierTypes CONTAINS ALL ("member_id", "union_id")',
    );
    expect(noWechat.count + wechat.count).toBe(10);
    // a CRM update (a profile change alone, no identifier moves) makes a member gold with
    // 1,600 points: it enters, here and in the other process
    const dir = mkdtempSync(join(tmpdir(), 'oneid-segments-'));
    const header =
      'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at\n';
    const crm = async (row: string) => {
      const file = join(dir, 'crm.csv');
      writeFileSync(file, header + row + '\n');
      const summary = await loadFile('crm', file, {
        identity: app.identity,
        eventLinkConfidence: {},
      });
      expect(summary).toMatchObject({ loaded: 1, rejected: [] });
    };
    await crm('MBR900,,,Nora Lin,F,1990-01-01,2025-01-01,online,silver,1600,2026-06-01 09:00:00');
    expect(await members('Gold')).toEqual(['MBR004', 'MBR006', 'MBR010']);
    await crm('MBR900,,,Nora Lin,F,1990-01-01,2025-01-01,online,gold,1600,2026-06-02 09:00:00');
    rmSync(dir, { recursive: true, force: true });
    expect(await members('Gold')).toEqual(['MBR004', 'MBR006', 'MBR010', 'MBR900']);
    await other.rfm.feed.waitFor(app.rfm.feed.committed);
    expect((await counts(other))['Gold']).toBe(4);

    const page = await gql.ok<{ person: { rfm: unknown; segments: string[] } }>(
      '{ person(identifier: {type: "member_id", value: "MBR003"}) { rfm { frequency } segments } }',
    );
    expect(page.person.segments).not.toContain('Gold');
    expect(page.person.segments.filter((t) => t.startsWith('Members with'))).toHaveLength(1);
    for (const name of ['Gold', 'Members without WeChat', 'Members with WeChat'])
      await gql.ok(
        'mutation($n: String!) { deleteSegment(name: $n) { name } }',
        { n: name },
        'marketer',
      );
  });

  it('updating a rule re-evaluates it and the segments that follow it, a version up', async () => {
    const data = await gql.ok<{ updateSegment: Saved }>(
      'mutation { updateSegment(name: "Big spenders", definition: "monetary >= 500") { version count } }',
      {},
      'marketer',
    );
    expect(data.updateSegment).toEqual({ version: 2, count: 1 });
    expect(await members('Big app spenders')).toEqual(['MBR004']);
    await other.rfm.feed.waitFor(app.rfm.feed.committed);
    expect(await counts(other)).toMatchObject({ 'Big spenders': 1, 'Big app spenders': 1 });
    const stale = await failure(
      'mutation { updateSegment(name: "Big spenders", definition: "monetary >= 1", expectedVersion: 1) { version } }',
      {},
    );
    expect(stale.extensions.code).toBe('CONFLICT');
  });

  it('a static segment lists identifiers and follows their persons through a merge and a split', async () => {
    expect(await define('VIP list', 'static')).toMatchObject({ kind: 'STATIC', count: 0 });
    const added = await gql.ok<{
      addToSegment: { changed: number; unknown: number; count: number };
    }>(
      `mutation { addToSegment(name: "VIP list", identifiers: [
        {type: "member_id", value: "MBR001"}, {type: "member_id", value: "NOBODY"}
      ]) { changed unknown count } }`,
      {},
      'marketer',
    );
    expect(added.addToSegment).toEqual({ changed: 1, unknown: 1, count: 1 });
    // CUS099001 is a person of its own until a steward links it to MBR001
    await gql.ok(
      `mutation { resolveId(type: "customer_id", value: "CUS099001") { oneId } }`,
      {},
      'service',
    );
    await gql.ok(
      `mutation { linkIdentifiers(a: {type: "member_id", value: "MBR001"}, b: {type: "customer_id", value: "CUS099001"}) { personsRetired } }`,
      {},
      'steward',
    );
    const page = await gql.ok<{ person: { segments: string[] } }>(
      '{ person(identifier: {type: "customer_id", value: "CUS099001"}) { segments } }',
    );
    expect(page.person.segments).toContain('VIP list');
    expect((await counts(app))['VIP list']).toBe(1);
    await other.rfm.feed.waitFor(app.rfm.feed.committed);
    expect((await counts(other))['VIP list']).toBe(1);

    // a split: the part that holds the listed identifier stays, the other leaves
    await gql.ok(
      `mutation { unlinkIdentifiers(a: {type: "member_id", value: "MBR001"}, b: {type: "customer_id", value: "CUS099001"}) { personsChanged } }`,
      {},
      'steward',
    );
    const split = async (type: string, value: string) =>
      (
        await gql.ok<{ person: { segments: string[] } }>(
          'query($t: String!, $v: String!) { person(identifier: {type: $t, value: $v}) { segments } }',
          { t: type, v: value },
        )
      ).person.segments;
    expect(await split('customer_id', 'CUS099001')).not.toContain('VIP list');
    expect(await split('member_id', 'MBR001')).toContain('VIP list');
    expect((await counts(app))['VIP list']).toBe(1);

    const removed = await gql.ok<{ removeFromSegment: { changed: number; count: number } }>(
      `mutation { removeFromSegment(name: "VIP list", identifiers: [{type: "member_id", value: "MBR001"}]) { changed count } }`,
      {},
      'marketer',
    );
    expect(removed.removeFromSegment).toEqual({ changed: 1, count: 0 });
  });

  it('a score rule: a process that starts afterwards builds the same members', async () => {
    const top = await define('Top recency', 'rule', 'rScore >= 4');
    expect(top.count).toBeGreaterThan(0);
    // a start on the stored bitmaps: one pass over the graph for the scales, the score
    // segments evaluated with them, the rest loaded
    await app.segments.flush();
    const third = createApp(config, (processes as TwoProcesses).db);
    await third.segments.init();
    expect(third.segments.lastLoad?.rebuilt).toBe(false);
    expect((await counts(third))['Top recency']).toBe(top.count);
    expect(await counts(third)).toEqual(await counts(app));
    // a rebuild: a first pass for the scales, a second for every person's tags
    await third.segments.rebuild();
    expect(await counts(third)).toEqual(await counts(app));
    // an empty static segment is a tag there too, as in the process that defined it
    expect(await third.audiences.count('"VIP list"', asOf)).toBe(0);
    await gql.ok('mutation { deleteSegment(name: "Top recency") { name } }', {}, 'marketer');
  });

  it('refuses a cycle, an unknown field, a malformed rule and a name in use, with the position', async () => {
    await define('Cycle A', 'expression', '"Big spenders"');
    await define('Cycle B', 'expression', '"Cycle A" OR Lost');
    const cycle = await failure(
      'mutation { updateSegment(name: "Cycle A", definition: "Lost OR \\"Cycle B\\"") { version } }',
      {},
    );
    expect(cycle.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'definition',
      position: 8,
    });
    expect(cycle.message).toContain('Cycle A → Cycle B → Cycle A');

    const unknown = await failure(DEFINE, {
      input: { name: 'Recent', kind: 'RULE', definition: 'recency <= 30' },
    });
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', position: 0 });
    expect(unknown.message).toMatch(/unknown field "recency"/i);

    const malformed = await failure(DEFINE, {
      input: { name: 'Broken', kind: 'RULE', definition: 'monetary >= 300 AND' },
    });
    expect(malformed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', position: 19 });

    const unknownSegment = await failure(DEFINE, {
      input: { name: 'Ghost', kind: 'EXPRESSION', definition: 'Lost OR Nobody' },
    });
    expect(unknownSegment.extensions).toMatchObject({ code: 'BAD_USER_INPUT', position: 8 });

    const taken = await failure(DEFINE, {
      input: { name: 'big_spenders', kind: 'RULE', definition: 'TRUE' },
    });
    expect(taken.extensions.code).toBe('CONFLICT');
    // nothing of the refused definitions was stored
    const names = (await app.savedSegments.list()).map((s) => s.name);
    expect(names).not.toContain('Recent');
    expect(names).not.toContain('Broken');
  });

  it('refuses to delete a segment another one names, and deletes it once unused', async () => {
    const refused = await failure('mutation { deleteSegment(name: "Cycle A") { name } }', {});
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(refused.message).toContain('"Cycle B"');
    await gql.ok('mutation { deleteSegment(name: "Cycle B") { name } }', {}, 'marketer');
    await gql.ok('mutation { deleteSegment(name: "Cycle A") { name } }', {}, 'marketer');
    expect(await counts(app)).not.toHaveProperty('Cycle A');
    await other.rfm.feed.waitFor(app.rfm.feed.committed);
    expect(await counts(other)).not.toHaveProperty('Cycle B');
  });

  it('needs the marketer role (or steward) to define', async () => {
    const result = await gql.run(
      DEFINE,
      { input: { name: 'X', kind: 'RULE', definition: 'TRUE' } },
      'service',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
