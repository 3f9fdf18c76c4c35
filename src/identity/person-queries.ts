import type { ConsentPurpose } from '../consent/purposes.js';
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

/** A person's effective consent statement for one purpose (see cypher/identity/person-pages). */
export interface ConsentRecord {
  readonly purpose: ConsentPurpose;
  /** False without a statement. */
  readonly granted: boolean;
  /** The statement's time "YYYY-MM-DDTHH:MM:SS" (UTC); null without a statement. */
  readonly at: string | null;
  /** Where the statement came from ("crm", "event", "api"); null without one. */
  readonly source: string | null;
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

/** A person as a query answers it: null where `pid` or `oneId` is. */
interface PersonRow {
  readonly pid: number | null;
  readonly oneId: string | null;
  readonly status: string;
  readonly createdAt: string;
}

function toPerson(r: PersonRow): PersonRecord | null {
  return r.pid === null || r.oneId === null
    ? null
    : { pid: r.pid, oneId: r.oneId, status: r.status, createdAt: r.createdAt };
}

async function personRecords(
  db: Gateway,
  query: string,
  params: Record<string, unknown>,
): Promise<(PersonRecord | null)[]> {
  return (await db.readQuery<PersonRow>(query, params)).map(toPerson);
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
  /** One entry per purpose, in CONSENT_PURPOSES order. */
  readonly consent: ConsentRecord[];
}

/**
 * The purchase summary kept on a person (see cypher/rfm/refresh-persons.cypher), as a person
 * page reads it: parallel arrays, empty for a person without purchases.
 */
export interface SummaryRecord {
  /** Ascending "YYYY-MM-DD" days with any purchase or cancellation. */
  readonly days: string[];
  /** Net revenue of each day, in cents. */
  readonly dayCents: number[];
  /** Whether a non-cancelled purchase happened that day. */
  readonly dayBought: boolean[];
  readonly channels: string[];
  /** First non-cancelled purchase day per channel, aligned with `channels`. */
  readonly channelFirstDays: string[];
  /** Types of its identifiers, quarantined ones left out. */
  readonly identifierTypes: string[];
  /** The purposes it consents to ("ads", "email"). */
  readonly consents: string[];
  /** The static segments that list any of its identifiers. */
  readonly segmentLists: string[];
}

/** A person with what its profile page shows beside the OneID. */
export interface PersonPage {
  readonly person: PersonRecord;
  readonly details: PersonDetails;
  /** Its purchase summary, read in the same transaction; null unless asked for. */
  readonly summary: SummaryRecord | null;
}

/** How `personPages` finds persons: by identifier key (`type:value`), by pid or by OneID. */
export type PageLookup =
  | { readonly keys: readonly string[] }
  | { readonly pids: readonly number[] }
  | { readonly oneIds: readonly string[] };

/**
 * Persons with their identifiers and CRM profile, and with `withSummary` their purchase
 * summary, in one read; a retired OneID gives its survivor. One entry per item, in order, null
 * for an unknown one.
 */
export async function personPages(
  db: Gateway,
  by: PageLookup,
  withSummary = false,
): Promise<(PersonPage | null)[]> {
  const rows = await db.readQuery<
    PersonRow & PersonDetails & { readonly summary: SummaryRecord | null }
  >('identity/person-pages', { keys: [], pids: [], oneIds: [], ...by, withSummary });
  return rows.map((r) => {
    const person = toPerson(r);
    return (
      person && {
        person,
        details: { identifiers: r.identifiers, profile: r.profile, consent: r.consent },
        summary: r.summary,
      }
    );
  });
}

const NO_DETAILS: PersonDetails = { identifiers: [], profile: null, consent: [] };

/** Identifiers, CRM profile and consent of persons, read together: a profile page shows them. */
export async function detailsByPid(db: Gateway, pids: readonly number[]): Promise<PersonDetails[]> {
  return (await personPages(db, { pids })).map((page) => page?.details ?? NO_DETAILS);
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
