import type { Gateway } from '../neo4j/gateway.js';

/**
 * Batch reads of persons for DataLoader: each returns one entry per key, in key order,
 * null for a missing key.
 */

export interface PersonRecord {
  readonly pid: number;
  readonly oneId: string;
  readonly status: string;
  readonly createdAt: string;
}

export interface IdentifierRecord {
  readonly type: string;
  readonly value: string;
  readonly source: string | null;
  readonly confidence: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly active: boolean;
  readonly quarantined: boolean;
}

export interface ProfileRecord {
  readonly memberId: string;
  readonly realName: string | null;
  readonly gender: string | null;
  readonly birthday: string | null;
  readonly registerDate: string | null;
  readonly registerChannel: string | null;
  readonly level: string | null;
  readonly totalPoints: number | null;
  readonly updatedAt: string;
  readonly deleted: boolean;
}

export interface HistoryRecord {
  readonly kind: 'MERGED_FROM' | 'MERGED_INTO' | 'SPLIT_FROM' | 'SPLIT_INTO';
  readonly otherOneId: string;
  readonly at: string;
  readonly reason: string | null;
  /** A merge that a later split or redirect undid (WAS_MERGED_INTO): history, no longer in force. */
  readonly undone: boolean;
}

export interface LinkRecord {
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly confidence: number;
  readonly active: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly conflict: string | null;
}

export function personsByPid(db: Gateway, pids: readonly number[]) {
  return personRecords(db, 'identity/persons-by-pid', { pids });
}

/** The current person of each identifier key (`type:value`), in one read. */
export function personsByKey(db: Gateway, keys: readonly string[]) {
  return personRecords(db, 'identity/persons-by-key', { keys });
}

/** Persons as a query answers them, one row per key: null where `pid` or `oneId` is. */
async function personRecords(
  db: Gateway,
  query: string,
  params: Record<string, unknown>,
): Promise<(PersonRecord | null)[]> {
  const rows = await db.readQuery<{
    pid: number | null;
    oneId: string | null;
    status: string;
    createdAt: string;
  }>(query, params);
  return rows.map((r) =>
    r.pid === null || r.oneId === null
      ? null
      : { pid: r.pid, oneId: r.oneId, status: r.status, createdAt: r.createdAt },
  );
}

/** The active pid each OneID stands for (a retired OneID: its survivor). */
export async function activePidByOneId(
  db: Gateway,
  oneIds: readonly string[],
): Promise<(number | null)[]> {
  const rows = await db.readQuery<{ pid: number | null }>('identity/active-pid-by-one-id', {
    oneIds,
  });
  return rows.map((r) => r.pid);
}

export interface PersonDetails {
  readonly identifiers: IdentifierRecord[];
  readonly profile: ProfileRecord | null;
}

/** Identifiers and CRM profile of persons, read together: a profile page shows both. */
export async function detailsByPid(db: Gateway, pids: readonly number[]): Promise<PersonDetails[]> {
  return db.readQuery<PersonDetails>('identity/details-by-pid', { pids });
}

export async function historyByPid(
  db: Gateway,
  pids: readonly number[],
): Promise<HistoryRecord[][]> {
  const rows = await db.readQuery<{ events: HistoryRecord[] }>('identity/history-by-pid', { pids });
  return rows.map((r) => r.events);
}

export async function explainByPid(db: Gateway, pids: readonly number[]): Promise<LinkRecord[][]> {
  const rows = await db.readQuery<{ links: LinkRecord[] }>('identity/explain-by-pid', { pids });
  return rows.map((r) => r.links);
}
