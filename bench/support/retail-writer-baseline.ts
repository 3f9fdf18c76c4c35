import type { IdentityService } from '../../src/identity/identity-service.js';
import { idKey } from '../../src/identity/ids.js';
import type { PurchaseRecord } from '../../src/purchases/purchase-record.js';

interface RetailWriteResult {
  /** Lines new to the graph. */
  readonly added: number;
  /** Persons whose purchases changed. */
  readonly pids: readonly number[];
}

const RETAIL_CHANNEL = 'online_retail';

/**
 * The bench baseline (bench/retail-load.ts): writeRetailPurchases before issue 15, which
 * sent every line and let Cypher diff them against the stored ones.
 *
 * Writes one batch of retail purchase records in one transaction: each customer_id becomes
 * an identifier (a person of its own unless linked), each record a Purchase hung on it.
 */
export async function writeRetailPurchasesBaseline(
  identity: IdentityService,
  records: readonly PurchaseRecord[],
): Promise<RetailWriteResult> {
  const customers = new Map<string, string>();
  for (const r of records) {
    if (r.customerId !== null && !customers.has(r.customerId)) customers.set(r.customerId, r.time);
  }
  const rows = records.map((r) => ({
    key: r.key,
    channel: RETAIL_CHANNEL,
    orderId: r.orderId,
    customerKey: r.customerId === null ? null : idKey({ type: 'customer_id', value: r.customerId }),
    day: r.day,
    time: r.time,
    cancelled: r.cancelled,
    lineKeys: r.lines.map((l) => l.key),
    lineCents: r.lines.map((l) => l.cents),
  }));
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
    const [row] = await tx.run<{ added: number; changedCustomers: string[] }>(
      'bench/upsert-retail-baseline',
      { purchases: rows },
    );
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
