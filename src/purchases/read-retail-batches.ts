import { readAhead } from '../rows/read-ahead.js';
import { groupPurchaseChunks, type GroupPurchasesOptions } from './group-purchases.js';
import type { PurchaseBatch } from './purchase-record.js';
import { readRetailChunks, type ReadRetailOptions } from './read-retail-lines.js';

/**
 * The purchase batches of a retail file (readRetailChunks grouped by groupPurchaseChunks),
 * with the next batch read and grouped while the caller writes the current one: one batch
 * ahead, so memory stays at two batches.
 */
export function readRetailBatches(
  path: string,
  options: ReadRetailOptions & GroupPurchasesOptions = {},
): AsyncGenerator<PurchaseBatch> {
  return readAhead(groupPurchaseChunks(readRetailChunks(path, options), options), 1);
}
