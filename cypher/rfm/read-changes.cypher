// The change feed after a sequence, oldest first: the persons each write changed or retired
// (recorded by rfm/refresh-persons), at most $limit entries, and the current sequence.
// `first` is the oldest sequence still kept (older ones were pruned): a follower behind it
// cannot catch up entry by entry and rebuilds.
// Params: $after, $limit
// Columns: sequence, first, changes
OPTIONAL MATCH (c:Counter {name: 'summary'})
CALL () {
  OPTIONAL MATCH (e:Change)
  WHERE e.seq > toInteger($after)
  WITH e ORDER BY e.seq LIMIT toInteger($limit)
  RETURN collect(CASE WHEN e IS NULL THEN null ELSE {seq: e.seq, pids: e.pids, retired: e.retired} END) AS changes
}
CALL () {
  OPTIONAL MATCH (e:Change)
  WHERE e.seq IS NOT NULL
  WITH e ORDER BY e.seq LIMIT 1
  RETURN e.seq AS first
}
RETURN coalesce(c.value, 0) AS sequence, first, changes
