import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { createGateway, type Gateway } from './gateway.js';
import { QueryRegistry } from './query-registry.js';
import { applySchema } from './schema.js';

/** Where the graph is and how to log in. */
export interface Neo4jTarget {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface Connection {
  readonly db: Gateway;
  readonly queries: QueryRegistry;
}

export function loadQueries(): QueryRegistry {
  return new QueryRegistry(join(projectRoot, 'cypher'));
}

/**
 * Connects to `target` and applies the schema. Starts nothing: the caller provides a running
 * server. On failure the driver is closed again.
 */
export async function connect(target: Neo4jTarget): Promise<Connection> {
  const queries = loadQueries();
  const db = createGateway({ ...target, queries });
  try {
    await db.ping();
    await applySchema(db, queries);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, queries };
}
