// The retired persons whose OneID redirects to one of $pids, directly or through other
// retired persons, with what a re-clustering needs to revive or redirect them.
// Params: $pids
// Columns: pid, oneId, createdAt, anchor, mergedInto
MATCH (r:Person)-[:MERGED_INTO*1..]->(p:Person)
WHERE p.pid IN $pids
WITH DISTINCT r
MATCH (r)-[:MERGED_INTO]->(next:Person)
RETURN r.pid AS pid, r.oneId AS oneId, r.createdAt AS createdAt, r.anchor AS anchor,
       next.pid AS mergedInto
