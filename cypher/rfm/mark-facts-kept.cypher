// Records that every person keeps its segment facts (see read-facts-kept).
// Params: $now
// Columns: none
MERGE (c:Counter {name: 'segment-facts'})
SET c.keptAt = $now
