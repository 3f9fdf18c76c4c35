// The binlog position a CDC stream last recorded after a successful graph write.
// No row: the stream has no saved position (it starts with a snapshot of its table).
// Params: $id
// Columns: file, position, savedAt
MATCH (s:StreamPosition {id: $id})
RETURN s.file AS file, s.position AS position, s.savedAt AS savedAt
