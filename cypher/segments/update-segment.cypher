// Changes a saved segment's definition (its kind stays), one version up; with $expectedVersion,
// only if that is still its version. Records the change in the feed in the same transaction.
// Params: $name, $definition, $group, $rank, $description, $expectedVersion, $now
// Columns: found, version, updated, sequence
OPTIONAL MATCH (n:Segment {name: $name})
CALL (n) {
  WITH n WHERE n IS NOT NULL AND ($expectedVersion IS NULL OR n.version = $expectedVersion)
  SET n.definition = $definition, n.group = $group, n.rank = $rank,
      n.description = $description, n.version = n.version + 1, n.updatedAt = $now
  MERGE (f:Counter {name: 'summary'})
    ON CREATE SET f.value = 0
  SET f.value = f.value + 1
  CREATE (:Change {seq: f.value, pids: [], retired: [], segments: [n.name], at: datetime($now)})
  RETURN f.value AS sequence
}
RETURN n IS NOT NULL AS found, n.version AS version, sequence IS NOT NULL AS updated, sequence
