import type { Tx } from '../neo4j/gateway.js';
import { newestStatements, type ConsentStatement, type ConsentTies } from './consent-statement.js';

/**
 * Records consent statements on their identifiers in the caller's transaction (see
 * cypher/consent/record-statements.cypher) and returns the persons whose statements changed.
 * The caller adds them to its result's `changedPids`, so that `IdentityService.transact`
 * refreshes them (rfm/refresh-persons derives `p.consents`) and records them in the change
 * feed in the same transaction. Identifiers the graph does not hold are skipped.
 */
export async function recordConsentsInTx(
  tx: Tx,
  statements: readonly ConsentStatement[],
  ties: ConsentTies,
): Promise<number[]> {
  if (statements.length === 0) return [];
  const [row] = await tx.run<{ pids: number[] }>('consent/record-statements', {
    statements: newestStatements(statements, ties),
    replaceTies: ties === 'replace',
  });
  return row?.pids ?? [];
}

/** `changedPids` with `more` added, ascending and once each. */
export function withPids(changedPids: readonly number[], more: readonly number[]): number[] {
  if (more.length === 0) return [...changedPids];
  return [...new Set([...changedPids, ...more])].sort((a, b) => a - b);
}
