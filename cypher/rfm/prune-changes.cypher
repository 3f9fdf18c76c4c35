// Deletes change feed entries recorded before $before, at most $limit of them.
// Params: $before, $limit
// Columns: deleted
MATCH (e:Change)
WHERE e.at < datetime($before)
WITH e LIMIT toInteger($limit)
DELETE e
RETURN count(*) AS deleted
