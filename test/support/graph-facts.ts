import type { Gateway } from '../../src/neo4j/gateway.js';
import { toPlain } from '../../src/neo4j/values.js';

/** Reads for assertions only: what the graph holds, in plain values. */
export async function readGraph<T>(
  db: Gateway,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const session = db.driver.session({ database: db.database });
  try {
    const result = await session.run(cypher, params);
    return result.records.map(
      (r) => Object.fromEntries(r.keys.map((k) => [k, toPlain(r.get(k))])) as T,
    );
  } finally {
    await session.close();
  }
}

export interface MemberFacts {
  readonly pid: number | null;
  readonly deleted: boolean;
  readonly level: string | null;
  readonly totalPoints: number | null;
  /** Keys of the identifiers the member's active CRM links reach, sorted. */
  readonly activeContacts: string[];
  /** Identifiers in the member's person, sorted. */
  readonly personKeys: string[];
}

export async function memberFacts(db: Gateway, memberId: string): Promise<MemberFacts | undefined> {
  const [row] = await readGraph<MemberFacts>(
    db,
    `MATCH (m:Identifier {key: $key})
     OPTIONAL MATCH (m)-[:BELONGS_TO]->(p:Person)
     OPTIONAL MATCH (m)-[r:LINKED {source: 'crm'}]-(c:Identifier) WHERE r.active
     WITH m, p, collect(DISTINCT c.key) AS contacts
     OPTIONAL MATCH (p)<-[:BELONGS_TO]-(o:Identifier)
     WITH m, p, contacts, collect(DISTINCT o.key) AS keys
     RETURN p.pid AS pid, coalesce(m.deleted, false) AS deleted, m.level AS level, m.totalPoints AS totalPoints,
            contacts AS activeContacts, keys AS personKeys`,
    { key: `member_id:${memberId}` },
  );
  return row
    ? {
        ...row,
        activeContacts: [...row.activeContacts].sort(),
        personKeys: [...row.personKeys].sort(),
      }
    : undefined;
}

/** Every active CRM link of members: memberKey → sorted contact keys. */
export async function activeCrmContacts(db: Gateway): Promise<Map<string, string[]>> {
  const rows = await readGraph<{ key: string; contacts: string[] }>(
    db,
    `MATCH (m:Identifier {type: 'member_id'})
     OPTIONAL MATCH (m)-[r:LINKED {source: 'crm'}]-(c:Identifier) WHERE r.active
     RETURN m.key AS key, collect(c.key) AS contacts`,
  );
  return new Map(rows.map((r) => [r.key, [...r.contacts].sort()]));
}

export interface EventFacts {
  readonly eventId: string;
  readonly type: string;
  readonly channel: string;
  readonly cents: number | null;
  readonly time: string;
  readonly purchase: boolean;
  readonly by: string[];
}

/** Every stored event, sorted by event id. */
export async function eventFacts(db: Gateway): Promise<EventFacts[]> {
  return readGraph<EventFacts>(
    db,
    `MATCH (e:Event)
     OPTIONAL MATCH (e)-[:BY]->(i:Identifier)
     WITH e, collect(i.key) AS by
     RETURN e.eventId AS eventId, e.type AS type, e.channel AS channel, e.cents AS cents, e.time AS time,
            e:Purchase AS purchase, by
     ORDER BY eventId`,
  );
}

export async function countOf(
  db: Gateway,
  label: 'Event' | 'Purchase' | 'Person' | 'Identifier',
): Promise<number> {
  const [row] = await readGraph<{ n: number }>(db, `MATCH (n:${label}) RETURN count(n) AS n`);
  return row?.n ?? 0;
}

/** Purchases stored: how many, their cents, and how many distinct event ids they carry. */
export async function purchaseTotals(
  db: Gateway,
): Promise<{ count: number; cents: number; distinctIds: number }> {
  const [row] = await readGraph<{ count: number; cents: number; distinctIds: number }>(
    db,
    'MATCH (p:Purchase) RETURN count(p) AS count, coalesce(sum(p.cents), 0) AS cents, count(DISTINCT p.eventId) AS distinctIds',
  );
  return row ?? { count: 0, cents: 0, distinctIds: 0 };
}

/** Pairs of identifiers joined by more than one CRM link (there should be none). */
export async function crmLinkDuplicates(db: Gateway): Promise<number> {
  const [row] = await readGraph<{ n: number }>(
    db,
    `MATCH (a:Identifier)-[r:LINKED {source: 'crm'}]->(b:Identifier)
     WITH a, b, count(r) AS links WHERE links > 1
     RETURN count(*) AS n`,
  );
  return row?.n ?? 0;
}
