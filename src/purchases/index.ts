export {
  groupPurchaseChunks,
  groupPurchases,
  type GroupPurchasesOptions,
} from './group-purchases.js';
export type {
  PurchaseBatch,
  PurchaseCounts,
  PurchaseLine,
  PurchaseRecord,
} from './purchase-record.js';
export { readRetailBatches } from './read-retail-batches.js';
export { readRetailChunks, readRetailLines, type ReadRetailOptions } from './read-retail-lines.js';
export type { RetailLine, RetailRowResult, RowError } from './retail-line.js';
