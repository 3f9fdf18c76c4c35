// Links that were not used for merging because they would break a per-person cap, with the
// persons on each side; newest first.
// Params: $skip, $limit
// Columns: from, to, reason, at, source, confidence, fromOneId, toOneId
MATCH (a:Identifier)-[r:LINKED]->(b:Identifier)
WHERE r.conflict IS NOT NULL AND r.active
OPTIONAL MATCH (a)-[:BELONGS_TO]->(pa:Person)
OPTIONAL MATCH (b)-[:BELONGS_TO]->(pb:Person)
RETURN a.key AS from, b.key AS to, r.conflict AS reason, r.conflictAt AS at, r.source AS source,
       r.confidence AS confidence, pa.oneId AS fromOneId, pb.oneId AS toOneId
ORDER BY at DESC, from, to
SKIP toInteger($skip) LIMIT toInteger($limit)
