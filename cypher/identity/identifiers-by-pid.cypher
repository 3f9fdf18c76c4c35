// The identifiers of persons, each with the strongest link that holds it in the person
// (its source and confidence), in the order of $pids.
// Params: $pids
// Columns: pid, identifiers
UNWIND $pids AS pid
OPTIONAL MATCH (p:Person {pid: pid})
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(i:Identifier)
  WITH i WHERE i IS NOT NULL
  OPTIONAL MATCH (i)-[r:LINKED]-(:Identifier)-[:BELONGS_TO]->(p)
  WITH i, r ORDER BY r.active DESC, r.confidence DESC
  WITH i, head(collect(r)) AS best, count(r) AS links
  ORDER BY i.type, i.value
  RETURN collect({
    type: i.type, value: i.value, firstSeen: i.firstSeen, lastSeen: i.lastSeen,
    source: coalesce(best.source, i.source), confidence: coalesce(best.confidence, 1.0),
    active: NOT i.quarantined AND (links = 0 OR best.active) AND NOT coalesce(i.deleted, false),
    quarantined: i.quarantined
  }) AS identifiers
}
RETURN pid, identifiers
