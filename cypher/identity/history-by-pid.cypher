// Merge and split history around persons: who merged into them, what they were split
// from or split into, and where they were merged themselves (a merge that a split undid
// stays as WAS_MERGED_INTO and is listed like any merge, with `undone`). In the order of $pids.
// Params: $pids
// Columns: pid, events
UNWIND $pids AS pid
OPTIONAL MATCH (p:Person {pid: pid})
CALL (p) {
  OPTIONAL MATCH (p)-[r:MERGED_INTO|WAS_MERGED_INTO|SPLIT_FROM]-(o:Person)
  WITH r, o WHERE r IS NOT NULL
  WITH r, o, CASE
    WHEN type(r) <> 'SPLIT_FROM' AND startNode(r) = o THEN 'MERGED_FROM'
    WHEN type(r) <> 'SPLIT_FROM' THEN 'MERGED_INTO'
    WHEN startNode(r) = o THEN 'SPLIT_INTO'
    ELSE 'SPLIT_FROM' END AS kind
  ORDER BY r.at, kind, o.oneId
  RETURN collect({kind: kind, otherOneId: o.oneId, at: r.at, reason: r.reason,
                  undone: type(r) = 'WAS_MERGED_INTO'}) AS events
}
RETURN pid, events
