import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { KEYS, runCli, serviceEnv, startService, type RunningService } from '../support/service.js';

// Issue 12 "Hardening", defects 5-8, and issue 13 (one normalization path), through HTTP,
// file loads and the CLI as a user sees them.

let db: Gateway;
let service: RunningService;
const dir = mkdtempSync(join(tmpdir(), 'oneid-input-'));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

beforeAll(async () => {
  db = await freshDatabase();
  service = await startService(14006, { ONEID_LOAD_SEEDS: 'false' });
});
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

type Gql = Awaited<ReturnType<RunningService['gql']>>;
const asService = <T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
) => service.gql<T>(query, variables, KEYS.service);
const asSteward = (query: string, variables: Record<string, unknown> = {}) =>
  service.gql(query, variables, KEYS.steward);

function expectBadInput(res: Gql, field: string) {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
}

/** Identifiers whose value contains `text`, any type. */
async function storedValuesContaining(text: string): Promise<number> {
  const r = await db.driver.executeQuery(
    'MATCH (i:Identifier) WHERE i.value CONTAINS $text RETURN count(i) AS c',
    { text },
  );
  return (r.records[0]?.get('c') as { toNumber(): number }).toNumber();
}

const RESOLVE = `mutation R($type: String!, $value: String!, $links: [IdentifierInput!], $source: String) {
  resolveId(type: $type, value: $value, links: $links, source: $source) { oneId created matchedBy }
}`;

describe('defect 5: hash types take hashes only; raw contacts are hashed everywhere', () => {
  it('refuses plaintext under mobile_hash / email_hash with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    expectBadInput(
      await asService(RESOLVE, { type: 'mobile_hash', value: '+8613987654321' }),
      'value',
    );
    expectBadInput(
      await asService(RESOLVE, { type: 'email_hash', value: 'alice@example.com' }),
      'value',
    );
    expectBadInput(
      await asService(RESOLVE, {
        type: 'member_id',
        value: 'MBRH1',
        links: [{ type: 'email_hash', value: 'alice@example.com' }],
      }),
      'links[0].value',
    );
    expectBadInput(
      await asService(
        'mutation { resolveIds(inputs: [{type: "member_id", value: "MBRH2"}, {type: "mobile_hash", value: "13987654321"}]) { oneId } }',
      ),
      'inputs[1].value',
    );
    expectBadInput(
      await asService(
        'mutation { upsertIdMappings(rows: [{oneId: "X1", idType: "email_hash", idValue: "alice@example.com", confidence: 1, firstSeen: "2024-01-01T00:00:00Z"}]) { written } }',
      ),
      'rows[0].idValue',
    );
    expectBadInput(
      await asSteward(
        'mutation { linkIdentifiers(a: {type: "member_id", value: "MBRH3"}, b: {type: "mobile_hash", value: "+8613987654321"}) { written } }',
      ),
      'b.value',
    );
    // the message says what is expected and does not echo the contact
    const res = await asService(RESOLVE, { type: 'mobile_hash', value: '+8613987654321' });
    expect(res.errors?.[0]?.message).toMatch(/64 hexadecimal/);
    expect(res.errors?.[0]?.message).not.toContain('3987654321');
    expect(await storedValuesContaining('3987654321')).toBe(0);
    expect(await storedValuesContaining('alice@')).toBe(0);
    expect(await storedValuesContaining('MBRH')).toBe(0);
  });

  it('accepts a real SHA-256 under the hash types, upper-case hex stored lower-case', async () => {
    const hex = sha256('+8613900000001');
    const res = await asService(RESOLVE, { type: 'mobile_hash', value: hex.toUpperCase() });
    expect(res.errors).toBeUndefined();
    const again = await asService(RESOLVE, { type: 'mobile_hash', value: hex });
    expect(again.data?.resolveId).toMatchObject({ matchedBy: 'EXISTING' });
  });

  it('accepts raw mobile and email in resolveId, person(identifier:), call_id_graph, link and unlink', async () => {
    const created = await asService<{ resolveId: { oneId: string; created: boolean } }>(RESOLVE, {
      type: 'member_id',
      value: 'MBRRAW',
      links: [{ type: 'mobile', value: '+86 139 8765 0001' }],
    });
    const oneId = created.data?.resolveId.oneId;
    expect(oneId).toBeTruthy();
    // the same number written differently finds the same person
    const byMobile = await service.gql<{ person: { oneId: string } | null }>(
      '{ person(identifier: {type: "mobile", value: "139 8765 0001"}) { oneId } }',
    );
    expect(byMobile.errors).toBeUndefined();
    expect(byMobile.data?.person?.oneId).toBe(oneId);
    const fn = await fetch(`${service.url}/functions/call_id_graph`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.service },
      body: JSON.stringify({
        data: [
          [0, '+8613987650001', 'mobile'],
          [1, sha256('+8613987650001'), 'mobile_hash'],
          [2, 'MBRRAW', 'member_id'],
        ],
      }),
    });
    expect(await fn.json()).toEqual({
      data: [
        [0, oneId],
        [1, oneId],
        [2, oneId],
      ],
    });
    // steward link and unlink take the same raw contact the same way
    const link = await asSteward(
      'mutation { linkIdentifiers(a: {type: "member_id", value: "MBRRAW"}, b: {type: "email", value: " Raw@Example.com "}) { written } }',
    );
    expect(link.errors).toBeUndefined();
    const unlink = await asSteward(
      'mutation { unlinkIdentifiers(a: {type: "member_id", value: "MBRRAW"}, b: {type: "email", value: "raw@example.com"}) { personsChanged createdOneIds } }',
    );
    expect(unlink.errors).toBeUndefined();
    expect(unlink.data).toMatchObject({
      unlinkIdentifiers: { createdOneIds: [expect.any(String)] },
    });
    expect(await storedValuesContaining('xample.com')).toBe(0);
  });
});

describe('defect 6: invisible placeholders are blocked like the visible ones', () => {
  it('refuses zero-width, NUL and NBSP-wrapped placeholders and creates no person', async () => {
    for (const value of ['\u200b', '\u0000', 'null\u0000', '\u00a0unknown\u200b', '\ufeff\u2060']) {
      const res = await asService(RESOLVE, { type: 'member_id', value });
      expect({ value, error: res.errors?.[0]?.extensions }).toMatchObject({
        value,
        error: { code: 'BAD_USER_INPUT', field: 'value' },
      });
    }
    const r = await db.driver.executeQuery(
      "MATCH (i:Identifier {type: 'member_id'}) WHERE i.value IN ['', 'null', 'unknown'] OR i.value CONTAINS '\\u200b' OR i.value CONTAINS '\\u0000' RETURN count(i) AS c",
    );
    expect((r.records[0]?.get('c') as { toNumber(): number }).toNumber()).toBe(0);
  });

  it('normalizes before matching: a value with invisible characters or full-width letters is the plain one', async () => {
    const plain = await asService<{ resolveId: { oneId: string } }>(RESOLVE, {
      type: 'member_id',
      value: 'MBRNFKC1',
    });
    const fancy = await asService<{ resolveId: { oneId: string; matchedBy: string } }>(RESOLVE, {
      type: 'member_id',
      value: '\u200bＭＢＲＮＦＫＣ1\u0000 ',
    });
    expect(fancy.data?.resolveId).toMatchObject({
      oneId: plain.data?.resolveId.oneId,
      matchedBy: 'EXISTING',
    });
  });
});

describe('defect 7: every string input has a maximum', () => {
  it('answers BAD_USER_INPUT (not INTERNAL_SERVER_ERROR) for a 20 KB identifier, with a short message', async () => {
    const big = 'A'.repeat(20_000);
    const res = await asService(RESOLVE, { type: 'member_id', value: big });
    expectBadInput(res, 'value');
    expect(res.errors?.[0]?.message.length).toBeLessThan(200);
    const person = await service.gql(
      '{ person(identifier: {type: "union_id", value: $v}) { oneId } }'.replace(
        '$v',
        JSON.stringify(big),
      ),
    );
    expectBadInput(person, 'identifier.value');
    const fn = await fetch(`${service.url}/functions/call_id_graph`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.service },
      body: JSON.stringify({ calls: [[big, 'member_id']] }),
    });
    expect(fn.status).toBe(400);
    const body = (await fn.json()) as { errorMessage: string };
    expect(body.errorMessage).toMatch(/calls\[0\]/);
    expect(body.errorMessage.length).toBeLessThan(200);
  });

  it('refuses a 1 MB source and a 1 MB package name, and stores neither', async () => {
    const mega = 'S'.repeat(1 << 20);
    const res = await asService(RESOLVE, {
      type: 'member_id',
      value: 'MBRBIGSRC',
      links: [{ type: 'union_id', value: 'UBIGSRC' }],
      source: mega,
    });
    expectBadInput(res, 'source');
    expect(JSON.stringify(res).length).toBeLessThan(1000);
    expect(await storedValuesContaining('BIGSRC')).toBe(0);
    const pkg = await asService(
      'mutation P($name: String!) { createAudiencePackage(id: "PKGBIG", name: $name, expression: "channel_app") { count } }',
      { name: mega },
    );
    expectBadInput(pkg, 'name');
    const stored = await service.gql('{ audiencePackage(id: "PKGBIG") { id } }');
    expect(stored.data).toEqual({ audiencePackage: null });
    const link = await asSteward(
      'mutation L($s: String!) { linkIdentifiers(a: {type: "member_id", value: "MBRBIG2"}, b: {type: "union_id", value: "UBIG2"}, source: $s) { written } }',
      { s: mega },
    );
    expectBadInput(link, 'source');
  });

  it('refuses more links per resolveId than the maximum', async () => {
    const links = Array.from({ length: 1000 }, (_, i) => ({
      type: 'device_id',
      value: `DEVMANY${i}`,
    }));
    const res = await asService(RESOLVE, { type: 'member_id', value: 'MBRMANY', links });
    expectBadInput(res, 'links');
    expect(await storedValuesContaining('MANY')).toBe(0);
  });
});

describe('defect 8: impossible dates are refused', () => {
  it('refuses asOf 2026-02-30 everywhere, and stores no package with it', async () => {
    expectBadInput(
      await service.gql('{ segmentDistribution(asOf: "2026-02-30") { segment } }'),
      'asOf',
    );
    expectBadInput(await service.gql('{ segments(asOf: "2025-04-31") { tag } }'), 'asOf');
    expectBadInput(await service.gql('{ people(asOf: "2026-00-10") { totalCount } }'), 'asOf');
    const pkg = await asService(
      'mutation { createAudiencePackage(id: "PKGFEB30", name: "Feb 30", expression: "channel_app", asOf: "2026-02-30") { asOf } }',
    );
    expectBadInput(pkg, 'asOf');
    const stored = await service.gql('{ audiencePackage(id: "PKGFEB30") { asOf } }');
    expect(stored.data).toEqual({ audiencePackage: null });
    // a real leap day is a date
    const leap = await service.gql('{ segmentDistribution(asOf: "2024-02-29") { segment } }');
    expect(leap.errors).toBeUndefined();
  });

  it('refuses an impossible firstSeen in upsertIdMappings', async () => {
    expectBadInput(
      await asService(
        'mutation { upsertIdMappings(rows: [{oneId: "XD1", idType: "union_id", idValue: "UDATE1", confidence: 1, firstSeen: "2026-02-30T00:00:00Z"}]) { written } }',
      ),
      'rows[0].firstSeen',
    );
  });
});

describe('file loads: FILE:LINE for each bad row, the rest loads', () => {
  it('rejects plaintext contacts, invisible placeholders and oversize values in CRM, mapping and event files', async () => {
    const good = sha256('+8613900000077');
    const crm = join(dir, 'crm.csv');
    writeFileSync(
      crm,
      [
        'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at',
        `MBRF01,${good},,Good,F,1990-05-12,2020-01-15,offline,gold,1,2024-11-01 10:00:00`,
        'MBRF02,+8613987654321,,Plain Mobile,F,1990-05-12,2020-01-15,offline,gold,1,2024-11-01 10:00:00',
        'MBRF03,,bob@example.com,Plain Email,M,1990-05-12,2020-01-15,offline,gold,1,2024-11-01 10:00:00',
        '\u200b,,,Invisible,M,1990-05-12,2020-01-15,offline,gold,1,2024-11-01 10:00:00',
        `MBRF05,,,${'N'.repeat(5000)},M,1990-05-12,2020-01-15,offline,gold,1,2024-11-01 10:00:00`,
        'MBRF06,,,Bad Day,M,1990-02-30,2020-01-15,offline,gold,1,2024-11-01 10:00:00',
        'MBRF07,unknown,,Placeholder Contact,F,1990-05-12,2020-01-15,offline,gold,1,2024-11-01 10:00:00',
      ].join('\n'),
    );
    const crmRun = await runCli(['load', 'crm', crm], serviceEnv());
    expect(crmRun.code).toBe(2);
    expect(crmRun.stderr).toMatch(new RegExp(`${crm}:3: mobile_hash must be 64 hexadecimal`));
    expect(crmRun.stderr).toMatch(new RegExp(`${crm}:4: email_hash must be 64 hexadecimal`));
    expect(crmRun.stderr).toContain(`${crm}:5: blocked member_id`);
    expect(crmRun.stderr).toContain(`${crm}:6: real_name longer than`);
    expect(crmRun.stderr).toContain(`${crm}:7: malformed date "1990-02-30" in birthday`);
    expect(crmRun.stderr).not.toContain('3987654321');
    expect(crmRun.stderr).not.toContain('bob@');
    expect(JSON.parse(crmRun.stdout.trim())).toMatchObject({ rows: 7, loaded: 2, rejected: 5 });

    const mappings = join(dir, 'mappings.csv');
    writeFileSync(
      mappings,
      [
        'one_id,id_type,id_value,source_channel,confidence,first_seen,last_seen,is_active',
        'XF1,member_id,MBRF01,crm,1.0,2020-01-15 00:00:00,2024-11-01 00:00:00,true',
        'XF1,mobile_hash,+8613987654321,crm,1.0,2020-01-15 00:00:00,2024-11-01 00:00:00,true',
        `XF1,union_id,${'U'.repeat(20_000)},crm,1.0,2020-01-15 00:00:00,2024-11-01 00:00:00,true`,
        'XF1,union_id,UF1,crm,1.0,2020-02-30 00:00:00,2024-11-01 00:00:00,true',
      ].join('\n'),
    );
    const mapRun = await runCli(['load', 'mappings', mappings], serviceEnv());
    expect(mapRun.code).toBe(2);
    expect(mapRun.stderr).toMatch(new RegExp(`${mappings}:3: id_value: mobile_hash must be 64`));
    expect(mapRun.stderr).toMatch(new RegExp(`${mappings}:4: id_value.* longer than 256`));
    expect(mapRun.stderr).toContain(`${mappings}:5: malformed date "2020-02-30 00:00:00"`);
    expect(mapRun.stderr.length).toBeLessThan(2000);
    expect(JSON.parse(mapRun.stdout.trim())).toMatchObject({ rows: 4, loaded: 1, rejected: 3 });

    const events = join(dir, 'events.jsonl');
    const event = (id: string, union: string) =>
      JSON.stringify({
        event_id: id,
        union_id: union,
        event_type: 'page_view',
        channel: 'app',
        event_time: '2024-11-01 08:15:00',
      });
    writeFileSync(
      events,
      [
        event('EVF1', 'union_f1'),
        event('EVF2', 'V'.repeat(20_000)),
        event('EVF3', 'union_f3'),
      ].join('\n'),
    );
    const evRun = await runCli(['load', 'events', events], serviceEnv());
    expect(evRun.code).toBe(2);
    expect(evRun.stderr).toMatch(new RegExp(`${events}:2: union_id.* longer than 256`));
    expect(JSON.parse(evRun.stdout.trim())).toMatchObject({ rows: 3, loaded: 2, rejected: 1 });

    const found = await service.gql<Record<string, { oneId: string } | null>>(
      `{ a: person(identifier: {type: "member_id", value: "MBRF01"}) { oneId }
         b: person(identifier: {type: "member_id", value: "MBRF07"}) { oneId }
         c: person(identifier: {type: "member_id", value: "MBRF02"}) { oneId }
         d: person(identifier: {type: "union_id", value: "union_f3"}) { oneId } }`,
    );
    expect(found.data?.a?.oneId).toBeTruthy();
    expect(found.data?.b?.oneId).toBeTruthy();
    expect(found.data?.c).toBeNull();
    expect(found.data?.d?.oneId).toBeTruthy();
    expect(await storedValuesContaining('3987654321')).toBe(0);
  });
});
