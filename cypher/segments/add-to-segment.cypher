// Lists identifiers in a static segment (the persons holding them are its members, through any
// merge or split). Unknown identifiers are skipped and counted. Returns the persons whose lists
// changed, which the caller refreshes in the same transaction. $keys must be distinct.
// Params: $name, $keys
// Columns: found, added, unknown, pids
OPTIONAL MATCH (s:Segment {name: $name, kind: 'static'})
CALL (s) {
  WITH s WHERE s IS NOT NULL
  UNWIND $keys AS key
  OPTIONAL MATCH (i:Identifier {key: key})
  WITH s, i, i IS NOT NULL AND NOT EXISTS { (i)-[:IN_SEGMENT]->(s) } AS fresh
  FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END | CREATE (i)-[:IN_SEGMENT]->(s))
  WITH i, fresh
  OPTIONAL MATCH (i)-[:BELONGS_TO]->(p:Person)
  RETURN sum(CASE WHEN fresh THEN 1 ELSE 0 END) AS added,
         sum(CASE WHEN i IS NULL THEN 1 ELSE 0 END) AS unknown,
         collect(DISTINCT CASE WHEN fresh THEN p.pid END) AS pids
}
RETURN s IS NOT NULL AS found, coalesce(added, 0) AS added, coalesce(unknown, 0) AS unknown,
       coalesce(pids, []) AS pids
