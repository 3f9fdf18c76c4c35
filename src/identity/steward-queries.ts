import type { Gateway } from '../neo4j/gateway.js';

export interface ConflictRecord {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly at: string | null;
  readonly source: string;
  readonly confidence: number;
  readonly fromOneId: string | null;
  readonly toOneId: string | null;
}

export function listConflicts(db: Gateway, skip: number, limit: number): Promise<ConflictRecord[]> {
  return db.readQuery<ConflictRecord>('identity/conflicts', { skip, limit });
}

export async function identityStats(db: Gateway) {
  const [stats] = await db.readQuery<{
    persons: number;
    retired: number;
    identifiers: number;
    links: number;
    conflicts: number;
    quarantined: number;
    clusterSizes: { size: number; persons: number }[];
  }>('identity/stats');
  const quarantinedIdentifiers = await db.readQuery<{
    key: string;
    reason: string | null;
    at: string | null;
  }>('identity/quarantined', { limit: 100 });
  return {
    ...(stats ?? {
      persons: 0,
      retired: 0,
      identifiers: 0,
      links: 0,
      conflicts: 0,
      quarantined: 0,
      clusterSizes: [],
    }),
    quarantinedIdentifiers,
  };
}
