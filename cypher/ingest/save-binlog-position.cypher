// Records the binlog position of a CDC stream after the changes before it are in the graph,
// fenced by the stream's lease: only the holder of lease $lease with token $token may move the
// position, so a stalled former holder cannot set it back after another replica took over.
// The first SET locks the lease, so a takeover waits for this save or this save sees it.
// No row: refused (the lease is another's, or released).
// Params: $id, $file, $position, $savedAt, $lease, $holder, $token
// Columns: id
MATCH (l:Lease {name: $lease})
SET l.checkedAt = timestamp()
WITH l
WHERE l.holder = $holder AND l.token = $token
MERGE (s:StreamPosition {id: $id})
SET s.file = $file, s.position = $position, s.savedAt = $savedAt
RETURN s.id AS id
