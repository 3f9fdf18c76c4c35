// The saved segments, in the order they were defined.
// Columns: name, kind, definition, group, rank, description, version, createdAt, updatedAt
MATCH (s:Segment)
RETURN s.name AS name, s.kind AS kind, s.definition AS definition, s.group AS group,
       s.rank AS rank, s.description AS description, s.version AS version,
       s.createdAt AS createdAt, s.updatedAt AS updatedAt
ORDER BY s.seq, s.name
