import type { Gateway } from '../../../src/neo4j/gateway.js';
import { toPlain } from '../../../src/neo4j/values.js';
import { canonical, pairOf } from '../../support/union-find.js';

export interface StoredIdentifier {
  readonly key: string;
  readonly firstSeen: string;
  readonly quarantined: boolean;
  /** Every person the identifier belongs to (exactly one when the graph is sound). */
  readonly pids: number[];
}

export interface StoredPerson {
  readonly pid: number;
  readonly oneId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly anchor: string | null;
  readonly mergedInto: number[];
  readonly splitFrom: number[];
  readonly keys: string[];
}

export interface StoredLink {
  readonly a: string;
  readonly b: string;
  readonly confidence: number;
  readonly active: boolean;
  readonly firstSeen: string;
  readonly seq: number;
  readonly conflict: string | null;
}

/** The whole identity graph of the test database, read directly (it is small). */
export interface GraphState {
  readonly identifiers: Map<string, StoredIdentifier>;
  readonly persons: Map<number, StoredPerson>;
  /** By pair key; `duplicates` counts pairs stored more than once. */
  readonly links: Map<string, StoredLink>;
  readonly duplicates: number;
}

export async function readGraph(db: Gateway): Promise<GraphState> {
  const rows = async <T>(cypher: string) => {
    const result = await db.driver.executeQuery(cypher, {}, { database: db.database });
    return result.records.map((r) => toPlain(r.toObject()) as T);
  };
  const ids = await rows<StoredIdentifier>(
    `MATCH (i:Identifier)
     RETURN i.key AS key, i.firstSeen AS firstSeen, i.quarantined AS quarantined,
            [(i)-[:BELONGS_TO]->(p:Person) | p.pid] AS pids`,
  );
  const persons = await rows<StoredPerson>(
    `MATCH (p:Person)
     RETURN p.pid AS pid, p.oneId AS oneId, p.status AS status, p.createdAt AS createdAt,
            p.anchor AS anchor,
            [(p)-[:MERGED_INTO]->(s:Person) | s.pid] AS mergedInto,
            [(p)-[:SPLIT_FROM]->(o:Person) | o.pid] AS splitFrom,
            [(p)<-[:BELONGS_TO]-(i:Identifier) | i.key] AS keys`,
  );
  const links = await rows<StoredLink>(
    `MATCH (a:Identifier)-[r:LINKED]->(b:Identifier)
     RETURN a.key AS a, b.key AS b, r.confidence AS confidence, r.active AS active,
            r.firstSeen AS firstSeen, coalesce(r.seq, 0) AS seq, r.conflict AS conflict`,
  );
  const byPair = new Map<string, StoredLink>();
  for (const l of links) byPair.set(pairOf(l.a, l.b).join('\u0000'), l);
  return {
    identifiers: new Map(ids.map((i) => [i.key, i])),
    persons: new Map(persons.map((p) => [p.pid, p])),
    links: byPair,
    duplicates: links.length - byPair.size,
  };
}

/** Identifier keys grouped by person, in canonical form. */
export function partitionOf(state: GraphState): string[][] {
  const groups = new Map<number, string[]>();
  for (const id of state.identifiers.values()) {
    for (const pid of id.pids) groups.set(pid, [...(groups.get(pid) ?? []), id.key]);
  }
  return canonical(groups.values());
}

/** The person of an identifier (the first, if the graph is unsound). */
export function pidOf(state: GraphState, key: string): number | undefined {
  return state.identifiers.get(key)?.pids[0];
}
