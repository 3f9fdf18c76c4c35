// Makes retired persons active again (a split gave back what they had brought). Their
// MERGED_INTO stays as history (WAS_MERGED_INTO, no longer followed); SPLIT_FROM records
// the persons their identifiers came back from.
// Params: $persons [{pid, splitFrom: [pid]}], $now, $reason
// Columns: revived
UNWIND $persons AS row
MATCH (p:Person {pid: row.pid})
SET p.status = 'active'
REMOVE p.retiredAt
WITH p, row
CALL (p) {
  MATCH (p)-[m:MERGED_INTO]->(s:Person)
  CREATE (p)-[:WAS_MERGED_INTO {at: m.at, reason: m.reason, undoneAt: $now}]->(s)
  DELETE m
}
CALL (p, row) {
  UNWIND row.splitFrom AS fromPid
  MATCH (o:Person {pid: fromPid})
  CREATE (p)-[:SPLIT_FROM {at: $now, reason: $reason}]->(o)
}
RETURN count(p) AS revived
