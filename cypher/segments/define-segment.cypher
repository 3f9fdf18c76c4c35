// Defines a new saved segment; returns no row when one by that name exists. Records the change
// in the feed in the same transaction, so that every process re-evaluates it.
// Params: $segment {name, kind, definition, group, rank, description}, $now
// Columns: version, createdAt, sequence
MERGE (c:Counter {name: 'segments'})
  ON CREATE SET c.value = 0, c.seeded = true
SET c.value = c.value + 1
WITH c
OPTIONAL MATCH (existing:Segment {name: $segment.name})
WITH c WHERE existing IS NULL
CREATE (n:Segment {name: $segment.name})
SET n.kind = $segment.kind, n.definition = $segment.definition, n.group = $segment.group,
    n.rank = $segment.rank, n.description = $segment.description, n.version = 1,
    n.seq = c.value, n.createdAt = $now, n.updatedAt = $now
WITH n
MERGE (f:Counter {name: 'summary'})
  ON CREATE SET f.value = 0
SET f.value = f.value + 1
CREATE (:Change {seq: f.value, pids: [], retired: [], segments: [n.name], at: datetime($now)})
RETURN n.version AS version, n.createdAt AS createdAt, f.value AS sequence
