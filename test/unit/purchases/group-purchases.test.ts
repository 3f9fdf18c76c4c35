import { describe, expect, it } from 'vitest';
import { groupPurchases } from '../../../src/purchases/group-purchases.js';
import type { PurchaseBatch, PurchaseRecord } from '../../../src/purchases/purchase-record.js';
import { readRetailLines } from '../../../src/purchases/read-retail-lines.js';
import type { RetailLine, RetailRowResult } from '../../../src/purchases/retail-line.js';
import { collect, fixture, SEED_CSV } from './fixtures.js';

function totals(batches: readonly PurchaseBatch[]) {
  return batches.reduce(
    (sum, b) => ({
      rows: sum.rows + b.counts.rows,
      rejected: sum.rejected + b.counts.rejected,
      anonymous: sum.anonymous + b.counts.anonymous,
      duplicates: sum.duplicates + b.counts.duplicates,
    }),
    { rows: 0, rejected: 0, anonymous: 0, duplicates: 0 },
  );
}

function cents(records: readonly PurchaseRecord[]): number {
  return records.reduce((sum, r) => sum + r.lines.reduce((s, l) => s + l.cents, 0), 0);
}

async function* from(rows: RetailRowResult[]): AsyncGenerator<RetailRowResult> {
  yield* rows;
}

function line(overrides: Partial<RetailLine>): RetailRowResult {
  return {
    ok: true,
    line: {
      invoice: '1',
      stockCode: 'S',
      description: 'D',
      quantity: 1,
      invoiceTime: '2010-01-01T10:00:00',
      day: '2010-01-01',
      price: '1',
      revenueCents: 100,
      customerId: 'C1',
      country: 'X',
      cancelled: false,
      lineKey: '0000000000000001',
      ...overrides,
    },
  };
}

describe('groupPurchases', () => {
  it('groups the seed into one record per invoice and customer', async () => {
    const batches = await collect(
      groupPurchases(readRetailLines(SEED_CSV), { source: 'online_retail', batchLines: 10_000 }),
    );
    expect(batches).toHaveLength(1);
    const purchases = batches[0]?.purchases ?? [];
    expect(purchases).toHaveLength(21);
    expect(totals(batches)).toEqual({ rows: 30, rejected: 0, anonymous: 0, duplicates: 0 });
    expect(cents(purchases)).toBe(162_864);
    expect(new Set(purchases.map((p) => p.customerId)).size).toBe(16);
    // 490100 is split in the file (490200 sits between its two lines) but is one record here.
    const split = purchases.find((p) => p.key === 'retail:490100:CUS013085');
    expect(split).toMatchObject({
      source: 'online_retail',
      orderId: '490100',
      customerId: 'CUS013085',
      day: '2009-12-10',
      time: '2009-12-10T09:30:00',
      cancelled: false,
    });
    expect(split?.lines.map((l) => l.cents)).toEqual([2970, 10080]);
    expect(cents(purchases.filter((p) => p.customerId === 'CUS013085'))).toBe(29_490);
  });

  it('cuts batches every batchLines rows; an invoice may then appear in two batches', async () => {
    const batches = await collect(groupPurchases(readRetailLines(SEED_CSV), { batchLines: 10 }));
    expect(batches.map((b) => b.counts.rows)).toEqual([10, 10, 10]);
    const keyed = batches.map((b) =>
      b.purchases.filter((p) => p.key === 'retail:490100:CUS013085').map((p) => p.lines.length),
    );
    expect(keyed).toEqual([[1], [1], []]);
    expect(cents(batches.flatMap((b) => b.purchases))).toBe(162_864);
    for (const batch of batches)
      expect(new Set(batch.purchases.map((p) => p.key)).size).toBe(batch.purchases.length);
  });

  it('counts duplicates and guests, leaves duplicates out of the records and passes errors on', async () => {
    const batches = await collect(groupPurchases(readRetailLines(fixture('kaggle-sample.csv'))));
    expect(totals(batches)).toEqual({ rows: 9, rejected: 0, anonymous: 1, duplicates: 2 });
    const purchases = batches.flatMap((b) => b.purchases);
    expect(purchases.map((p) => [p.key, p.lines.length, p.cancelled])).toEqual([
      ['retail:489434:13085', 3, false],
      ['retail:489435:13085', 1, false],
      ['retail:C489449:16321', 1, true],
      ['retail:489464:anon', 1, false],
      ['retail:494914:16705', 1, false],
    ]);
    expect(purchases.find((p) => p.key === 'retail:489464:anon')?.customerId).toBeNull();

    const bad = await collect(
      groupPurchases(readRetailLines(fixture('bad-rows.csv'), { label: 'bad.csv' })),
    );
    expect(totals(bad)).toEqual({ rows: 14, rejected: 8, anonymous: 1, duplicates: 0 });
    expect(bad.flatMap((b) => b.rejected).map((e) => e.line)).toEqual([3, 4, 5, 6, 8, 14, 15, 16]);
  });

  it('dates a record by its earliest line and counts duplicates across batches', async () => {
    const rows = [
      line({ invoiceTime: '2010-01-02T09:00:00', day: '2010-01-02', lineKey: 'aaaaaaaaaaaaaaa1' }),
      line({ invoiceTime: '2010-01-01T23:00:00', day: '2010-01-01', lineKey: 'aaaaaaaaaaaaaaa2' }),
      line({ lineKey: 'aaaaaaaaaaaaaaa1' }),
      { ok: false, error: { file: 'f', line: 9, reason: 'r' } },
    ] satisfies RetailRowResult[];
    const batches = await collect(groupPurchases(from(rows), { source: 'test', batchLines: 2 }));
    expect(batches.map((b) => b.counts)).toEqual([
      { rows: 2, rejected: 0, anonymous: 0, duplicates: 0 },
      { rows: 2, rejected: 1, anonymous: 0, duplicates: 1 },
    ]);
    expect(batches[0]?.purchases).toEqual([
      {
        key: 'retail:1:C1',
        source: 'test',
        orderId: '1',
        customerId: 'C1',
        day: '2010-01-01',
        time: '2010-01-01T23:00:00',
        cancelled: false,
        lines: [
          { key: 'aaaaaaaaaaaaaaa1', cents: 100 },
          { key: 'aaaaaaaaaaaaaaa2', cents: 100 },
        ],
      },
    ]);
    expect(batches[1]?.purchases).toEqual([]);
    expect(batches[1]?.rejected).toEqual([{ file: 'f', line: 9, reason: 'r' }]);
  });

  it('yields nothing for an empty stream', async () => {
    expect(await collect(groupPurchases(from([])))).toEqual([]);
  });
});

describe('groupPurchases with maxBatchLines', () => {
  it('doubles the batch size after each batch up to maxBatchLines', async () => {
    const batches = await collect(
      groupPurchases(readRetailLines(SEED_CSV), { batchLines: 3, maxBatchLines: 10 }),
    );
    expect(batches.map((b) => b.counts.rows)).toEqual([3, 6, 10, 10, 1]);
    expect(cents(batches.flatMap((b) => b.purchases))).toBe(162_864);
  });
});
