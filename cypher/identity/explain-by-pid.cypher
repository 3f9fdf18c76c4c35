// The links that hold persons together (both ends in the person), with source and
// confidence, and whether each one merges (active, not a conflict).
// Params: $pids
// Columns: pid, links
UNWIND $pids AS pid
OPTIONAL MATCH (p:Person {pid: pid})
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(a:Identifier)-[r:LINKED]->(b:Identifier)-[:BELONGS_TO]->(p)
  WITH a, r, b WHERE r IS NOT NULL
  ORDER BY r.confidence DESC, a.key, b.key
  RETURN collect({from: a.key, to: b.key, source: r.source, confidence: r.confidence,
    active: r.active, firstSeen: r.firstSeen, lastSeen: r.lastSeen, conflict: r.conflict}) AS links
}
RETURN pid, links
