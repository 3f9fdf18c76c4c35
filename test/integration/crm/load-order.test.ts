import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityService } from '../../../src/identity/identity-service.js';
import { normalizeMemberIds } from '../../../src/crm/member-identifiers.js';
import { upsertMembers } from '../../../src/crm/member-writer.js';
import { parseMember } from '../../../src/crm/member.js';
import { applyMemberChanges } from '../../../src/ingest/cdc/apply-changes.js';
import { loadFile } from '../../../src/ingest/load-file.js';
import type { SourceKind } from '../../../src/ingest/load-summary.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { memberFacts } from '../../support/graph-facts.js';
import { identityService, personsOf } from '../../support/identity.js';
import { placeholderTypes } from '../../support/placeholder-types.js';
import { graphSnapshot, type GraphSnapshot } from './graph-snapshot.js';

const CRM_HEADER =
  'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at';

/**
 * Three CRM exports of the same members, oldest first. Between them members change their
 * mobile (MBR101, MBR103), switch back (MBR103), drop their email (MBR102), and a recycled
 * mobile goes to another member (MBR104 gets MBR101's old one). MBR105 has no register
 * date, so its links' first sighting is the row's own time.
 */
const CRM = {
  A: [
    'MBR101,m101a,e101,Ann,F,1990-01-01,2020-01-01,offline,silver,100,2024-01-10 10:00:00',
    'MBR102,m102,e102,Ben,M,1985-02-02,2020-02-01,online,bronze,50,2024-01-10 10:00:00',
    'MBR103,m103a,e103,Cat,F,1992-03-03,2021-03-01,miniapp,silver,70,2024-01-10 10:00:00',
    'MBR105,m105,,Eve,F,,,offline,bronze,5,2024-01-10 10:00:00',
  ],
  B: [
    'MBR101,m101b,e101,Ann,F,1990-01-01,2020-01-01,offline,gold,200,2024-06-10 10:00:00',
    'MBR103,m103b,e103,Cat,F,1992-03-03,2021-03-01,miniapp,gold,90,2024-06-10 10:00:00',
    'MBR104,m101a,e104,Dan,M,1980-04-04,2024-05-01,online,bronze,10,2024-06-10 10:00:00',
    'MBR105,m105,e105,Eve,F,,,offline,silver,15,2024-06-10 10:00:00',
  ],
  C: [
    'MBR101,m101b,e101,Ann,F,1990-01-01,2020-01-01,offline,platinum,300,2024-11-10 10:00:00',
    'MBR102,m102c,,Ben,M,1985-02-02,2020-02-01,online,silver,80,2024-11-10 10:00:00',
    'MBR103,m103a,e103,Cat,F,1992-03-03,2021-03-01,miniapp,gold,95,2024-11-10 10:00:00',
  ],
} as const;
type CrmFile = keyof typeof CRM;
const CHRONOLOGICAL: readonly CrmFile[] = ['A', 'B', 'C'];

const MAPPING_HEADER =
  'one_id,id_type,id_value,source_channel,confidence,first_seen,last_seen,is_active';
/** Two exports of an external ID graph: the newer one deactivates a union_id and lowers its confidence. */
const MAPPINGS = {
  old: [
    'ONE9,member_id,MBR201,crm,1.0,2024-01-01 00:00:00,2024-01-01 00:00:00,true',
    'ONE9,union_id,union_9,miniapp,0.95,2024-01-01 00:00:00,2024-01-01 00:00:00,true',
    'ONE9,device_id,DEV9,app,0.9,2024-01-01 00:00:00,2024-01-01 00:00:00,true',
  ],
  new: [
    'ONE9,member_id,MBR201,crm,1.0,2024-01-01 00:00:00,2024-06-01 00:00:00,true',
    'ONE9,union_id,union_9,miniapp,0.85,2024-01-01 00:00:00,2024-06-01 00:00:00,false',
    'ONE9,device_id,DEV9,app,0.9,2024-01-01 00:00:00,2024-01-01 00:00:00,true',
  ],
} as const;

let db: Gateway;
let identity: IdentityService;
let dir: string;

const pathOf = (name: string) => join(dir, `${name}.csv`);
const load = (kind: SourceKind, name: string, batchSize?: number) =>
  loadFile(kind, pathOf(name), { identity, eventLinkConfidence: {} }, { batchSize });

/** A fresh graph with the CRM files loaded in the given order, as the resulting snapshot. */
async function crmAfter(order: readonly string[], batchSize?: number): Promise<GraphSnapshot> {
  db = await reset();
  for (const name of order) await load('crm', name, batchSize);
  return graphSnapshot(db);
}

async function reset(): Promise<Gateway> {
  await db?.close();
  db = await freshDatabase();
  // the fixtures name contacts by short placeholders (m101a), not SHA-256 digests
  identity = identityService(db, { types: placeholderTypes() });
  return db;
}

const permutations = <T>(xs: readonly T[]): T[][] =>
  xs.length <= 1
    ? [[...xs]]
    : xs.flatMap((x, i) =>
        permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]),
      );

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'oneid-crm-order-'));
  for (const [name, rows] of Object.entries(CRM))
    writeFileSync(pathOf(name), [CRM_HEADER, ...rows, ''].join('\n'));
  // one file holding two exports: one batch with two rows per member, in either order
  writeFileSync(pathOf('AB'), [CRM_HEADER, ...CRM.A, ...CRM.B, ''].join('\n'));
  writeFileSync(pathOf('BA'), [CRM_HEADER, ...CRM.B, ...CRM.A, ''].join('\n'));
  for (const [name, rows] of Object.entries(MAPPINGS))
    writeFileSync(pathOf(`map-${name}`), [MAPPING_HEADER, ...rows, ''].join('\n'));
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CRM rows: the newest updated_at wins whatever the order of the files', () => {
  let chronological: GraphSnapshot;

  beforeAll(async () => {
    chronological = await crmAfter(CHRONOLOGICAL);
  });

  it('chronological order gives the expected members', async () => {
    expect(await memberFacts(db, 'MBR101')).toMatchObject({
      level: 'platinum',
      activeContacts: ['email_hash:e101', 'mobile_hash:m101b'],
    });
    expect((await memberFacts(db, 'MBR104'))?.activeContacts).toEqual([
      'email_hash:e104',
      'mobile_hash:m101a',
    ]);
    expect((await memberFacts(db, 'MBR103'))?.activeContacts).toEqual([
      'email_hash:e103',
      'mobile_hash:m103a',
    ]);
    expect((await memberFacts(db, 'MBR102'))?.activeContacts).toEqual(['mobile_hash:m102c']);
  });

  for (const order of permutations(CHRONOLOGICAL).filter((o) => o.join('') !== 'ABC')) {
    it(`loading ${order.join(', ')} ends as loading A, B, C`, async () => {
      expect(await crmAfter(order)).toEqual(chronological);
    });
  }

  it('an older file loaded again changes nothing: no old mobile comes back, no OneID moves', async () => {
    await crmAfter(['A', 'B']);
    const members = ['MBR101', 'MBR102', 'MBR103', 'MBR104', 'MBR105'].map((value) => ({
      type: 'member_id',
      value,
    }));
    const before = await graphSnapshot(db);
    const oneIds = await personsOf(db, members);
    await load('crm', 'A');
    expect(await graphSnapshot(db)).toEqual(before);
    expect(await personsOf(db, members)).toEqual(oneIds);
    expect((await memberFacts(db, 'MBR101'))?.activeContacts).toEqual([
      'email_hash:e101',
      'mobile_hash:m101b',
    ]);
  });

  it('replays of any files in any order end as one chronological load (property)', async () => {
    // the files used, loaded once each in chronological order (computed when first needed)
    const expected = new Map<string, GraphSnapshot>([['ABC', chronological]]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<CrmFile>('A', 'B', 'C'), { minLength: 2, maxLength: 5 }),
        async (order) => {
          const used = CHRONOLOGICAL.filter((f) => order.includes(f));
          const key = used.join('');
          if (!expected.has(key)) expected.set(key, await crmAfter(used));
          expect(await crmAfter(order)).toEqual(expected.get(key));
        },
      ),
      { numRuns: 8 },
    );
  });

  it('two rows of a member in one batch: the newest wins and the older leaves what it would have left', async () => {
    const separate = await crmAfter(['A', 'B']);
    expect(await crmAfter(['AB'], 1000)).toEqual(separate);
    expect(await crmAfter(['BA'], 1000)).toEqual(separate);
    expect(await memberFacts(db, 'MBR101')).toMatchObject({
      level: 'gold',
      activeContacts: ['email_hash:e101', 'mobile_hash:m101b'],
    });
  });

  it('an equal updated_at is a no-op: the first row of that time stays', async () => {
    db = await reset();
    await load('crm', 'A');
    writeFileSync(
      pathOf('A-same-time'),
      [
        CRM_HEADER,
        'MBR101,m101x,e101,Ann,F,1990-01-01,2020-01-01,offline,diamond,999,2024-01-10 10:00:00',
        '',
      ].join('\n'),
    );
    await load('crm', 'A-same-time');
    expect(await memberFacts(db, 'MBR101')).toMatchObject({
      level: 'silver',
      totalPoints: 100,
      activeContacts: ['email_hash:e101', 'mobile_hash:m101a'],
    });
  });
});

describe('concurrent writers of one member', () => {
  const member = (id: string, mobile: string, level: string, updatedAt: string) =>
    normalizeMemberIds(
      identity,
      parseMember(
        Object.fromEntries(
          CRM_HEADER.split(',').map((c, i) => [
            c,
            [id, mobile, null, 'Kim', 'F', null, '2020-01-01', 'app', level, 1, updatedAt][i],
          ]),
        ),
      ),
    );

  it('an older and a newer row written at the same time end with the newer', async () => {
    db = await reset();
    const ids = ['MBR301', 'MBR302', 'MBR303', 'MBR304'];
    await Promise.all(
      ids.flatMap((id, i) => {
        const writes = [
          () => upsertMembers(identity, [member(id, `${id}-old`, 'silver', '2024-01-01 00:00:00')]),
          () => upsertMembers(identity, [member(id, `${id}-new`, 'gold', '2024-06-01 00:00:00')]),
        ];
        return (i % 2 === 0 ? writes : writes.reverse()).map((w) => w());
      }),
    );
    for (const id of ids) {
      expect(await memberFacts(db, id)).toMatchObject({
        level: 'gold',
        activeContacts: [`mobile_hash:${id}-new`],
      });
    }
  });
});

describe('CDC deletes against older files', () => {
  /** The binlog's before image of MBR101 as export B has it, deleted at the source. */
  const deleted = (updatedAt: string) => ({
    kind: 'delete' as const,
    row: {
      member_id: 'MBR101',
      mobile_hash: 'm101b',
      email_hash: 'e101',
      real_name: 'Ann',
      gender: 'F',
      birthday: '1990-01-01',
      register_date: '2020-01-01',
      channel: 'offline',
      level: 'gold',
      total_points: 200,
      updated_at: updatedAt,
    },
  });

  it('a member deleted at the source stays deleted when an older file comes later', async () => {
    db = await reset();
    await load('crm', 'B');
    await applyMemberChanges(identity, [deleted('2024-06-10 10:00:00')]);
    await load('crm', 'A');
    expect(await memberFacts(db, 'MBR101')).toMatchObject({
      deleted: true,
      activeContacts: [],
      personKeys: ['member_id:MBR101'],
    });
  });

  it('a delete that arrives before the older file it supersedes is kept as well', async () => {
    db = await reset();
    await applyMemberChanges(identity, [deleted('2024-06-10 10:00:00')]);
    await load('crm', 'A');
    expect(await memberFacts(db, 'MBR101')).toMatchObject({ deleted: true, activeContacts: [] });
  });

  it('a member re-created after its delete (newer updated_at) is live again', async () => {
    db = await reset();
    await load('crm', 'A');
    await applyMemberChanges(identity, [deleted('2024-03-01 10:00:00')]);
    await load('crm', 'B');
    expect(await memberFacts(db, 'MBR101')).toMatchObject({
      deleted: false,
      level: 'gold',
      activeContacts: ['email_hash:e101', 'mobile_hash:m101b'],
    });
  });
});

describe('mapping rows: the newest last_seen wins whatever the order', () => {
  it('loading the newer export first and the older one after ends as chronological order', async () => {
    db = await reset();
    await load('mappings', 'map-old');
    await load('mappings', 'map-new');
    const chronological = await graphSnapshot(db);
    const union = chronological.links.find((l) => l.b === 'union_id:union_9');
    expect(union).toMatchObject({ active: false, confidence: 0.85 });

    db = await reset();
    await load('mappings', 'map-new');
    await load('mappings', 'map-old');
    expect(await graphSnapshot(db)).toEqual(chronological);

    db = await reset();
    await load('mappings', 'map-old');
    await load('mappings', 'map-new');
    await load('mappings', 'map-old');
    expect(await graphSnapshot(db)).toEqual(chronological);
  });
});
