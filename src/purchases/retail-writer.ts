import type { IdentityService } from '../identity/identity-service.js';
import { idKey } from '../identity/ids.js';
import type { Tx } from '../neo4j/gateway.js';
import { freshLines } from './fresh-lines.js';
import type { PurchaseRecord } from './purchase-record.js';

export interface RetailWriteResult {
  /** Lines new to the graph. */
  readonly added: number;
  /** Persons whose purchases changed. */
  readonly pids: readonly number[];
}

export const RETAIL_CHANNEL = 'online_retail';

/**
 * Writes one batch of retail purchase records in one transaction: each customer_id becomes
 * an identifier (a person of its own unless linked), each record a Purchase hung on it with
 * the lines the graph does not hold yet (read first, diffed here). Two loads writing the
 * same invoice at the same time could both add a line, as before.
 */
export async function writeRetailPurchases(
  identity: IdentityService,
  records: readonly PurchaseRecord[],
): Promise<RetailWriteResult> {
  const customers = new Map<string, string>();
  for (const r of records) {
    if (r.customerId !== null && !customers.has(r.customerId)) customers.set(r.customerId, r.time);
  }
  const result = await identity.transact('retail.write', async (tx) => {
    const ingest = await identity.ingestInTx(
      tx,
      {
        identifiers: [...customers].map(([value, seenAt]) => ({
          type: 'customer_id',
          value,
          seenAt,
        })),
        links: [],
      },
      'online_retail',
    );
    const fresh = freshLines(records, await storedLines(tx, records));
    const [row] = fresh.length
      ? await tx.run<{ added: number; changedCustomers: string[] }>('purchases/upsert-retail', {
          purchases: fresh.map(toRow),
        })
      : [];
    const changed = row?.changedCustomers ?? [];
    const owners = changed.length
      ? await tx.run<{ pid: number | null }>('identity/resolve-keys', { keys: changed })
      : [];
    const pids = [...new Set(owners.flatMap((o) => (o.pid === null ? [] : [o.pid])))];
    // persons whose purchases changed refresh their RFM with the identity changes
    return {
      ...ingest,
      changedPids: [...new Set([...ingest.changedPids, ...pids])],
      added: row?.added ?? 0,
      pids,
    };
  });
  return { added: result.added, pids: result.pids };
}

async function storedLines(
  tx: Tx,
  records: readonly PurchaseRecord[],
): Promise<Map<string, string[]>> {
  const rows = await tx.run<{ key: string; lineKeys: string[] }>('purchases/existing-lines', {
    keys: records.map((r) => r.key),
  });
  return new Map(rows.map((r) => [r.key, r.lineKeys]));
}

function toRow(r: PurchaseRecord) {
  let cents = 0;
  for (const line of r.lines) cents += line.cents;
  return {
    key: r.key,
    channel: RETAIL_CHANNEL,
    orderId: r.orderId,
    customerKey: r.customerId === null ? null : idKey({ type: 'customer_id', value: r.customerId }),
    day: r.day,
    time: r.time,
    cancelled: r.cancelled,
    lineKeys: r.lines.map((l) => l.key),
    lineCents: r.lines.map((l) => l.cents),
    cents,
  };
}
