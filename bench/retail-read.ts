/**
 * Reads a retail file through readRetailLines + groupPurchases, as a load would, and prints
 * one JSON object of counts and throughput. Usage: npx tsx bench/retail-read.ts [path]
 */
import { groupPurchases } from '../src/purchases/group-purchases.js';
import { readRetailLines } from '../src/purchases/read-retail-lines.js';
import type { RetailRowResult } from '../src/purchases/retail-line.js';

const DEFAULT_PATH = '/work/shared/datasets/online-retail-ii/online_retail_II.csv.gz';

/** Passes rows through, counting valid cancellation lines (duplicates included). */
async function* tapCancellations(
  rows: AsyncIterable<RetailRowResult>,
  tally: { cancelled: number },
) {
  for await (const row of rows) {
    if (row.ok && row.line.cancelled) tally.cancelled += 1;
    yield row;
  }
}

async function main(path: string): Promise<void> {
  const started = performance.now();
  const tally = { cancelled: 0 };
  const totals = { rows: 0, rejected: 0, anonymous: 0, duplicates: 0 };
  const customers = new Set<string>();
  const invoices = new Set<string>();
  const rejectedSample: unknown[] = [];
  let records = 0;
  let batches = 0;
  let storedLines = 0;
  let revenueCents = 0;
  for await (const batch of groupPurchases(tapCancellations(readRetailLines(path), tally))) {
    batches += 1;
    totals.rows += batch.counts.rows;
    totals.rejected += batch.counts.rejected;
    totals.anonymous += batch.counts.anonymous;
    totals.duplicates += batch.counts.duplicates;
    records += batch.purchases.length;
    for (const record of batch.purchases) {
      if (record.customerId !== null) customers.add(record.customerId);
      invoices.add(record.orderId);
      storedLines += record.lines.length;
      for (const line of record.lines) revenueCents += line.cents;
    }
    for (const error of batch.rejected) if (rejectedSample.length < 5) rejectedSample.push(error);
  }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    file: path,
    ...totals,
    cancellationLines: tally.cancelled,
    distinctCustomers: customers.size,
    distinctInvoices: invoices.size,
    records,
    batches,
    storedLines,
    revenue: (revenueCents / 100).toFixed(2),
    wallSeconds: Number(seconds.toFixed(2)),
    linesPerSecond: Math.round(totals.rows / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rejectedSample,
  };
  console.log(JSON.stringify(result, null, 2));
}

await main(process.argv[2] ?? DEFAULT_PATH);
