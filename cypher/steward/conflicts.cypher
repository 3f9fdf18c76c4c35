// Links kept out of merging because they would break a per-person cap (for example a
// tablet shared by two members), with the persons on each side. Fix one by unlinking
// (GraphQL unlinkIdentifiers) or by correcting the source data.
// Params: none
MATCH (a:Identifier)-[r:LINKED]->(b:Identifier)
WHERE r.conflict IS NOT NULL AND r.active
MATCH (a)-[:BELONGS_TO]->(pa:Person), (b)-[:BELONGS_TO]->(pb:Person)
RETURN a.key AS from, pa.oneId AS fromPerson, b.key AS to, pb.oneId AS toPerson,
       r.conflict AS reason, r.source AS source, r.confidence AS confidence, r.conflictAt AS at
ORDER BY at DESC
LIMIT 200
