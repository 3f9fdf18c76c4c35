import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway, Tx } from '../../src/neo4j/gateway.js';
import type { PurchaseRecord } from '../../src/purchases/purchase-record.js';
import { writeRetailPurchases } from '../../src/purchases/retail-writer.js';
import { freshDatabase } from '../support/db.js';
import { identityService } from '../support/identity.js';

let db: Gateway;
/** Names of the queries run inside write transactions, in order. */
const ran: string[] = [];

/** The test gateway, recording what each write transaction runs. */
function recording(inner: Gateway): Gateway {
  return {
    get driver() {
      return inner.driver;
    },
    get database() {
      return inner.database;
    },
    readQuery: (name, params) => inner.readQuery(name, params),
    writeQuery: (name, params) => inner.writeQuery(name, params),
    readTransaction: (work, label) => inner.readTransaction(work, label),
    writeTransaction: (work, label) =>
      inner.writeTransaction(
        (tx) =>
          work({
            run: (name, params) => {
              ran.push(name);
              return tx.run(name, params);
            },
          } satisfies Tx),
        label,
      ),
    ping: () => inner.ping(),
    bookmarks: () => inner.bookmarks(),
    close: () => inner.close(),
  };
}

function record(
  invoice: string,
  customerId: string | null,
  time: string,
  lines: [string, number][],
): PurchaseRecord {
  return {
    key: `retail:${invoice}:${customerId ?? 'anon'}`,
    source: 'online_retail',
    orderId: invoice,
    customerId,
    day: time.slice(0, 10),
    time,
    cancelled: invoice.startsWith('C'),
    lines: lines.map(([key, cents]) => ({ key, cents })),
  };
}

async function purchase(key: string) {
  const [row] = await db.readQuery<{
    lineKeys: string[];
    lineCents: number[];
    cents: number;
    lineCount: number;
    time: string;
    day: string;
    by: string | null;
  }>('test/retail-purchase', { key });
  return row;
}

beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('writeRetailPurchases', () => {
  it('creates purchases, appends only new lines to known ones, and writes nothing for known lines', async () => {
    const identity = identityService(recording(db));
    const first = await writeRetailPurchases(identity, [
      record('500001', '17001', '2010-05-02T10:00:00', [
        ['aaaaaaaaaaaaaaa1', 150],
        ['aaaaaaaaaaaaaaa2', 225],
      ]),
      record('500002', null, '2010-05-02T11:00:00', [['bbbbbbbbbbbbbbb1', 99]]),
    ]);
    expect(first.added).toBe(3);
    expect(first.pids).toHaveLength(1);
    expect(await purchase('retail:500001:17001')).toEqual({
      lineKeys: ['aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa2'],
      lineCents: [150, 225],
      cents: 375,
      lineCount: 2,
      time: '2010-05-02T10:00:00',
      day: '2010-05-02',
      by: 'customer_id:17001',
    });
    expect((await purchase('retail:500002:anon'))?.by).toBeNull();

    // the rest of invoice 500001 in a later batch, with an earlier line and one it holds
    const later = await writeRetailPurchases(identity, [
      record('500001', '17001', '2010-05-01T09:00:00', [
        ['aaaaaaaaaaaaaaa2', 225],
        ['aaaaaaaaaaaaaaa3', -50],
      ]),
    ]);
    expect(later.added).toBe(1);
    expect(await purchase('retail:500001:17001')).toEqual({
      lineKeys: ['aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa2', 'aaaaaaaaaaaaaaa3'],
      lineCents: [150, 225, -50],
      cents: 325,
      lineCount: 3,
      time: '2010-05-01T09:00:00',
      day: '2010-05-01',
      by: 'customer_id:17001',
    });

    // a re-load: every line is known, so no purchase is written and no person changes
    ran.length = 0;
    const again = await writeRetailPurchases(identity, [
      record('500001', '17001', '2010-05-02T10:00:00', [
        ['aaaaaaaaaaaaaaa1', 150],
        ['aaaaaaaaaaaaaaa3', -50],
      ]),
      record('500002', null, '2010-05-02T11:00:00', [['bbbbbbbbbbbbbbb1', 99]]),
    ]);
    expect(again).toEqual({ added: 0, pids: [] });
    expect(ran).not.toContain('purchases/upsert-retail');
    expect((await purchase('retail:500001:17001'))?.lineCount).toBe(3);
  });
});
