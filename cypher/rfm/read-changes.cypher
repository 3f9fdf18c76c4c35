// The change feed after a sequence, oldest first: the persons each write changed or retired
// (recorded by rfm/refresh-persons) and the saved segments whose definitions changed (recorded
// by the segments mutations), at most $limit entries. A follower whose next entry is
// missing (pruned, or a graph from before the feed) rebuilds instead.
// Params: $after, $limit
// Columns: changes
OPTIONAL MATCH (e:Change)
WHERE e.seq > toInteger($after)
WITH e ORDER BY e.seq LIMIT toInteger($limit)
RETURN collect(CASE WHEN e IS NULL THEN null ELSE {seq: e.seq, pids: e.pids, retired: e.retired, segments: coalesce(e.segments, [])} END) AS changes
