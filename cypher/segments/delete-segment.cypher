// Deletes a saved segment (and a static one's list). Returns the persons that were listed in
// it, whose summaries the caller refreshes in the same transaction, and records the change in
// the feed.
// Params: $name, $now
// Columns: found, pids, sequence
OPTIONAL MATCH (n:Segment {name: $name})
CALL (n) {
  WITH n WHERE n IS NOT NULL
  OPTIONAL MATCH (n)<-[:IN_SEGMENT]-(:Identifier)-[:BELONGS_TO]->(p:Person)
  WITH n, collect(DISTINCT p.pid) AS pids
  DETACH DELETE n
  MERGE (f:Counter {name: 'summary'})
    ON CREATE SET f.value = 0
  SET f.value = f.value + 1
  CREATE (:Change {seq: f.value, pids: [], retired: [], segments: [$name], at: datetime($now)})
  RETURN pids, f.value AS sequence
}
RETURN n IS NOT NULL AS found, coalesce(pids, []) AS pids, sequence
