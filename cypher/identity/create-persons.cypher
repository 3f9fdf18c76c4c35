// Creates persons; a person split off others points to them with SPLIT_FROM.
// Params: $persons [{pid, oneId, splitFrom: [pid]}], $now, $reason
// Columns: created
UNWIND $persons AS row
CREATE (p:Person {pid: toInteger(row.pid), oneId: row.oneId, createdAt: $now, status: 'active'})
WITH p, row
CALL (p, row) {
  UNWIND row.splitFrom AS fromPid
  MATCH (o:Person {pid: fromPid})
  CREATE (p)-[:SPLIT_FROM {at: $now, reason: $reason}]->(o)
}
RETURN count(p) AS created
