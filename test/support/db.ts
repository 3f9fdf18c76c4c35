import { inject } from 'vitest';
import { createGateway, type Gateway } from '../../src/neo4j/gateway.js';
import { loadQueries } from '../../src/neo4j/connect.js';
import { applySchema } from '../../src/neo4j/schema.js';

/** A gateway to the test database, with the schema applied and every node removed. */
export async function freshDatabase(): Promise<Gateway> {
  const { uri, user, password } = inject('neo4j');
  const queries = loadQueries();
  const db = createGateway({ uri, user, password, database: 'neo4j', queries, app: 'test' });
  const session = db.driver.session({ database: 'neo4j' });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  await applySchema(db, queries);
  return db;
}

/**
 * Another gateway to the test database, as a second process would have: its own driver,
 * connections and bookmarks, so it sees the first one's writes only once they committed.
 */
export function otherProcessGateway(): Gateway {
  const { uri, user, password } = inject('neo4j');
  return createGateway({
    uri,
    user,
    password,
    database: 'neo4j',
    queries: loadQueries(),
    app: 'test-other',
  });
}
