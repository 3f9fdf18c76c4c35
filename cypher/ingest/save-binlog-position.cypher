// Records the binlog position of a CDC stream after the changes before it are in the graph.
// Params: $id, $file, $position, $savedAt
// Columns: id
MERGE (s:StreamPosition {id: $id})
SET s.file = $file, s.position = $position, s.savedAt = $savedAt
RETURN s.id AS id
