import type { Gateway } from './gateway.js';
import type { QueryRegistry } from './query-registry.js';

/** Applies cypher/schema/constraints.cypher (idempotent: every statement is IF NOT EXISTS). */
export async function applySchema(db: Gateway, queries: QueryRegistry): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    for (const statement of queries.statements('schema/constraints')) await session.run(statement);
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}
