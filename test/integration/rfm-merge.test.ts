import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadSeedsIfEmpty } from '../../src/ingest/seeds.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { exportRows } from '../../src/segments/package-export.js';
import { freshDatabase } from '../support/db.js';
import { sha256Hex } from '../../src/identity/normalize.js';

const asOf = '2026-06-06';
const MBR004 = { type: 'member_id', value: 'MBR004' };
const CUS = { type: 'customer_id', value: 'CUS013085' };

let db: Gateway;
let app: App;
/** The customer's person, retired by the merge and brought back by the split. */
let retiredCustomer: number;

const pidOf = async (key: string) =>
  (await db.readQuery<{ pid: number }>('identity/resolve-keys', { keys: [key] }))[0]?.pid as number;
const counts = async () =>
  Object.fromEntries((await app.audiences.list(asOf)).map((t) => [t.tag, t.count]));

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(loadConfig({ ONEID_AS_OF: asOf }), db);
  await loadSeedsIfEmpty(app, app.config.seedDir);
  await app.segments.init();
});
afterAll(async () => {
  await db?.close();
});

describe('RFM, bitmaps and exports follow merges and splits at once', () => {
  it('a merge gives the survivor the combined RFM, and every count and export reflects it alone', async () => {
    const before = await counts();
    expect(before).toMatchObject({ 'At Risk': 7, Lost: 16, 'Loyal Customers': 1, 'High Value': 3 });
    await app.packages.create({
      id: 'BEFORE',
      name: 'both',
      expression: '"At Risk" OR Lost',
      asOf,
      replace: false,
    });
    // the retired side alone: its survivor is not a member of this package
    await app.packages.create({
      id: 'LOST',
      name: 'lost',
      expression: 'Lost',
      asOf,
      replace: false,
    });
    const member = await pidOf('member_id:MBR004');
    const customer = await pidOf('customer_id:CUS013085');

    const now = '2026-01-01T00:00:00';
    const merge = await app.identity.ingest(
      {
        identifiers: [],
        links: [
          { a: MBR004, b: CUS, source: 'steward', confidence: 1, firstSeen: now, lastSeen: now },
        ],
      },
      'test merge',
    );
    expect(merge.retiredPids).toEqual([customer]);
    retiredCustomer = customer;

    const survivor = await app.rfm.personRfm(member, asOf);
    expect(survivor?.rfm).toEqual({
      recencyDays: 581,
      frequency: 3,
      monetaryCents: 59900 + 29490,
      firstPurchaseDate: '2009-12-01',
      lastPurchaseDate: '2024-11-02',
    });
    expect(survivor?.segment).toBe('Loyal Customers');
    expect(await app.rfm.personRfm(customer, asOf)).toBeNull();
    expect(await counts()).toMatchObject({
      'At Risk': 6,
      Lost: 15,
      'Loyal Customers': 2,
      'High Value': 3,
      channel_online_retail: 16,
      channel_app: 4,
    });

    // the survivor appears once, as itself, whether it was a member (BEFORE) or not (LOST),
    // and whether the members are read by a scan of their pid range or a lookup each
    for (const [id, members, rows] of [
      ['BEFORE', 23, 22],
      ['LOST', 16, 16],
    ] as const) {
      const pkg = await app.packages.require(id);
      expect(pkg.count).toBe(members);
      const exports = [];
      for (const rangeDensity of [0, 2]) {
        const exported = [];
        for await (const chunk of exportRows(db, app.rfm, pkg, { rangeDensity }))
          exported.push(...chunk);
        expect(exported).toHaveLength(rows);
        expect(exported.filter((r) => r.segment === 'Loyal Customers')).toEqual([
          expect.objectContaining({
            mobileHash: sha256Hex('hash_mobile_004'),
            emailHash: sha256Hex('hash_email_004'),
          }),
        ]);
        exports.push(exported);
      }
      expect(exports[0]).toEqual(exports[1]);
    }
  });

  it('a split gives each part its own person and RFM again', async () => {
    const merged = await pidOf('member_id:MBR004');
    const split = await app.identity.setLinkActive(MBR004, CUS, false, 'steward');
    // undoing the merge: the member keeps the survivor, the customer's retired person is back
    expect(split.createdPids).toEqual([]);
    const customer = await pidOf('customer_id:CUS013085');
    const member = await pidOf('member_id:MBR004');
    expect(member).toBe(merged);
    expect(customer).toBe(retiredCustomer);
    expect(split.changedPids).toEqual([member, customer].sort((x, y) => x - y));
    expect((await app.rfm.personRfm(member, asOf))?.rfm).toMatchObject({
      frequency: 1,
      monetaryCents: 59900,
    });
    expect((await app.rfm.personRfm(customer, asOf))?.rfm).toMatchObject({
      frequency: 2,
      monetaryCents: 29490,
    });
    expect(await counts()).toMatchObject({
      'At Risk': 7,
      Lost: 16,
      'Loyal Customers': 1,
      'High Value': 3,
    });
  });

  it('the stored bitmaps match a rebuild from scratch', async () => {
    const incremental = await counts();
    await app.segments.rebuild();
    expect(await counts()).toEqual(incremental);
  });
});
