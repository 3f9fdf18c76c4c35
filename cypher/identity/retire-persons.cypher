// Retires merged persons; their OneID keeps resolving through MERGED_INTO.
// Params: $merges [{from, into}], $now, $reason
// Columns: retired
UNWIND $merges AS m
MATCH (a:Person {pid: m.from})
MATCH (b:Person {pid: m.into})
SET a.status = 'merged', a.retiredAt = $now
CREATE (a)-[:MERGED_INTO {at: $now, reason: $reason}]->(b)
RETURN count(a) AS retired
