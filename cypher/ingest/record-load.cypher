// Remembers a finished file load; loading the same content again updates the same node.
// Params: $load {id, source, file, sha256, rows, rejected, anonymous, duplicates, added, finishedAt}
// Columns: id
MERGE (l:Load {id: $load.id})
SET l += $load
RETURN l.id AS id
