import type { Gateway, Tx } from '../../src/neo4j/gateway.js';

/**
 * `db` with a log of the named reads it runs, in order: through `readQuery` and inside
 * `readTransaction`. Writes go through unlogged.
 */
export function loggingReads(db: Gateway): { db: Gateway; reads: string[] } {
  const reads: string[] = [];
  const logged = (tx: Tx): Tx => ({
    run: (name, params) => {
      reads.push(name);
      return tx.run(name, params);
    },
  });
  return {
    reads,
    db: {
      ...db,
      readQuery: (name, params) => {
        reads.push(name);
        return db.readQuery(name, params);
      },
      readTransaction: (work, label) => db.readTransaction((tx) => work(logged(tx)), label),
    },
  };
}
