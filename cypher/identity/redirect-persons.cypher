// Points retired persons' OneIDs at another person: the one that now holds their anchor.
// The old MERGED_INTO stays as history (WAS_MERGED_INTO, no longer followed).
// Params: $redirects [{from, into}], $now, $reason
// Columns: redirected
UNWIND $redirects AS row
MATCH (a:Person {pid: row.from})
MATCH (b:Person {pid: row.into})
CALL (a) {
  MATCH (a)-[m:MERGED_INTO]->(s:Person)
  CREATE (a)-[:WAS_MERGED_INTO {at: m.at, reason: m.reason, undoneAt: $now}]->(s)
  DELETE m
}
CREATE (a)-[:MERGED_INTO {at: $now, reason: $reason}]->(b)
RETURN count(a) AS redirected
