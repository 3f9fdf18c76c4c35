// The persons with the most identifiers: where over-merging shows first.
// :param limit => 20
// Params: $limit
MATCH (p:Person {status: 'active'})
WITH p, COUNT { (p)<-[:BELONGS_TO]-() } AS identifiers
ORDER BY identifiers DESC
LIMIT toInteger($limit)
RETURN p.oneId AS oneId, p.pid AS pid, identifiers,
       [(p)<-[:BELONGS_TO]-(i) | i.key][..10] AS sample
