import type { Gateway } from '../../../src/neo4j/gateway.js';
import { toPlain } from '../../../src/neo4j/values.js';
import { canonical, pairOf } from '../../support/union-find.js';

/**
 * Everything a load decides, in a form that does not depend on the order it happened in:
 * identifiers with their sightings and CRM profile, every link with its flags, and the
 * persons as a partition of identifier keys (pids and OneIDs come from a counter, so they
 * differ between databases filled in a different order).
 */
export interface GraphSnapshot {
  readonly identifiers: Record<string, unknown>[];
  readonly links: Record<string, unknown>[];
  readonly persons: string[][];
}

export async function graphSnapshot(db: Gateway): Promise<GraphSnapshot> {
  const rows = async (cypher: string) => {
    const result = await db.driver.executeQuery(cypher, {}, { database: db.database });
    return result.records.map((r) => toPlain(r.toObject()) as Record<string, unknown>);
  };
  const identifiers = await rows(
    `MATCH (i:Identifier)
     RETURN i.key AS key, i.source AS source, i.firstSeen AS firstSeen, i.lastSeen AS lastSeen,
            i.quarantined AS quarantined, i.realName AS realName, i.gender AS gender,
            i.birthday AS birthday, i.registerDate AS registerDate, i.registerChannel AS channel,
            i.level AS level, i.totalPoints AS totalPoints, i.profileUpdatedAt AS profileUpdatedAt,
            coalesce(i.deleted, false) AS deleted,
            [(i)-[:BELONGS_TO]->(p:Person) | p.pid] AS pids
     ORDER BY key`,
  );
  const links = await rows(
    `MATCH (a:Identifier)-[r:LINKED]->(b:Identifier)
     RETURN a.key AS a, b.key AS b, r.source AS source, r.confidence AS confidence,
            r.active AS active, r.firstSeen AS firstSeen, r.lastSeen AS lastSeen,
            r.conflict AS conflict`,
  );
  const groups = new Map<number, string[]>();
  for (const i of identifiers)
    for (const pid of i.pids as number[])
      groups.set(pid, [...(groups.get(pid) ?? []), i.key as string]);
  return {
    identifiers: identifiers.map(({ pids, ...rest }) => ({
      ...rest,
      persons: (pids as number[]).length,
    })),
    links: links
      .map((l) => {
        const [a, b] = pairOf(l.a as string, l.b as string);
        return { ...l, a, b };
      })
      .sort((x, y) => (`${x.a} ${x.b}` < `${y.a} ${y.b}` ? -1 : 1)),
    persons: canonical(groups.values()),
  };
}
