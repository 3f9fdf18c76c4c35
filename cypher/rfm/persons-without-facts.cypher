// Active persons summarized before the person kept its segment facts (identifier types,
// consents, static lists, its member): a graph written by an older version. At most $limit.
// Params: $limit
// Columns: pid
MATCH (p:Person {status: 'active'})
WHERE p.identifierTypes IS NULL
RETURN p.pid AS pid
LIMIT toInteger($limit)
