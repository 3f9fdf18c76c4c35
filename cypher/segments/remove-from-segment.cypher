// Takes identifiers off a static segment's list. Returns the persons whose lists changed, which
// the caller refreshes in the same transaction.
// Params: $name, $keys
// Columns: found, removed, pids
OPTIONAL MATCH (s:Segment {name: $name, kind: 'static'})
CALL (s) {
  WITH s WHERE s IS NOT NULL
  UNWIND $keys AS key
  // from the identifier (an index seek), never from the segment: a list of 100,000 would
  // otherwise be expanded once per key
  MATCH (i:Identifier {key: key})-[r:IN_SEGMENT]->(s)
  USING INDEX i:Identifier(key)
  OPTIONAL MATCH (i)-[:BELONGS_TO]->(p:Person)
  DELETE r
  RETURN count(r) AS removed, collect(DISTINCT p.pid) AS pids
}
RETURN s IS NOT NULL AS found, coalesce(removed, 0) AS removed, coalesce(pids, []) AS pids
