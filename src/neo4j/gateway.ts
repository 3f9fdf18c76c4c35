import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { QueryRegistry } from './query-registry.js';
import { toPlain } from './values.js';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** The one way into the database: named Cypher, parameters only, plain rows out. */
export interface Gateway {
  readQuery<T = Row>(name: string, params?: Params): Promise<T[]>;
  writeQuery<T = Row>(name: string, params?: Params): Promise<T[]>;
  /**
   * Runs `work` in one managed write transaction. The driver may retry it on transient
   * errors (deadlocks), so `work` must only touch the database through `tx`.
   */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>, label: string): Promise<T>;
  readTransaction<T>(work: (tx: Tx) => Promise<T>, label: string): Promise<T>;
  /** Verifies connectivity; throws when the server cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * The bookmarks of the last transactions this process committed. Every transaction starts
   * after them, so a process always reads its own writes, also from another member of a
   * Neo4j cluster (on one server they cost nothing).
   */
  bookmarks(): Promise<string[]>;
  readonly driver: Driver;
  readonly database: string;
}

/** A transaction handle that runs named Cypher and returns plain rows. */
export interface Tx {
  run<T = Row>(name: string, params?: Params): Promise<T[]>;
}

export interface GatewayOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly queries: QueryRegistry;
  readonly app?: string;
}

export function createGateway(opts: GatewayOptions): Gateway {
  const driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
    disableLosslessIntegers: false,
    maxConnectionPoolSize: 64,
    connectionAcquisitionTimeout: 30_000,
    userAgent: `oneid-graph/${opts.app ?? 'service'}`,
  });
  const { database, queries } = opts;
  // One manager for the whole process: its sessions are causally chained (read your writes).
  const bookmarkManager = neo4j.bookmarkManager();
  const wrap = (tx: ManagedTransaction): Tx => ({
    run: async <T>(name: string, params: Params = {}) =>
      rows<T>(await tx.run(queries.get(name), params)),
  });

  const transaction = async <T>(
    mode: 'READ' | 'WRITE',
    work: (tx: Tx) => Promise<T>,
    label: string,
  ) => {
    const session = driver.session({
      database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager,
    });
    try {
      const config = { metadata: { app: 'oneid-graph', op: label } };
      return mode === 'READ'
        ? await session.executeRead((tx) => work(wrap(tx)), config)
        : await session.executeWrite((tx) => work(wrap(tx)), config);
    } finally {
      await session.close();
    }
  };

  return {
    driver,
    database,
    readQuery: (name, params) => transaction('READ', (tx) => tx.run(name, params), name),
    writeQuery: (name, params) => transaction('WRITE', (tx) => tx.run(name, params), name),
    writeTransaction: (work, label) => transaction('WRITE', work, label),
    readTransaction: (work, label) => transaction('READ', work, label),
    ping: async () => {
      await driver.verifyConnectivity({ database });
    },
    bookmarks: async () => [...(await bookmarkManager.getBookmarks())],
    close: () => driver.close(),
  };
}

function rows<T>(result: QueryResult): T[] {
  return result.records.map((record) => {
    const row: Row = {};
    for (const key of record.keys) row[key as string] = toPlain(record.get(key));
    return row as T;
  });
}
