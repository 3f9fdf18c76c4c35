import { fileURLToPath } from 'node:url';
import type { RetailLine, RetailRowResult, RowError } from '../../../src/purchases/retail-line.js';

export const SEED_CSV = '/work/shared/seed-data/retail_transactions.csv';

/** Absolute path of a file in test/fixtures/retail. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/retail/${name}`, import.meta.url));
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function linesOf(results: readonly RetailRowResult[]): RetailLine[] {
  return results.flatMap((r) => (r.ok ? [r.line] : []));
}

export function errorsOf(results: readonly RetailRowResult[]): RowError[] {
  return results.flatMap((r) => (r.ok ? [] : [r.error]));
}
