import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes on disk under `dir` (files only, recursively); 0 when it does not exist. */
export function directoryBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** The store of database `name` of a local instance: its store files and transaction logs. */
export function storeBytes(home: string, name = 'neo4j'): { store: number; transactions: number } {
  return {
    store: directoryBytes(join(home, 'data', 'databases', name)),
    transactions: directoryBytes(join(home, 'data', 'transactions', name)),
  };
}
