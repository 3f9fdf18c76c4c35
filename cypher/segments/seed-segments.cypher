// Creates the default saved segments once per graph: the first process to start seeds them,
// and a graph that has ever been seeded is never seeded again (even with no segments left).
// The counter's write lock makes racing processes seed once.
// Params: $segments [{name, kind, definition, group, rank, description}], $now
// Columns: seeded
MERGE (c:Counter {name: 'segments'})
  ON CREATE SET c.value = 0
SET c.value = c.value
WITH c, coalesce(c.seeded, false) AS done
CALL (c, done) {
  WITH c WHERE NOT done
  UNWIND range(0, size($segments) - 1) AS i
  WITH c, i, $segments[i] AS s
  MERGE (n:Segment {name: s.name})
    ON CREATE SET n.kind = s.kind, n.definition = s.definition, n.group = s.group,
                  n.rank = s.rank, n.description = s.description, n.version = 1,
                  n.seq = i + 1, n.createdAt = $now, n.updatedAt = $now
  WITH c, max(i) AS last
  SET c.seeded = true, c.value = last + 1
  RETURN count(*) AS n
}
RETURN NOT done AS seeded
