// Write-locks persons for this transaction and returns all of their identifiers, and the
// retired persons whose OneID redirects to them (directly or through other retired ones)
// with what a re-clustering needs to revive or redirect them. Retiring into a person locks
// it, so that list cannot change while the lock is held.
// Params: $pids, $now
// Columns: pid, keys, retired [{pid, oneId, createdAt, anchor, mergedInto}]
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})
SET p.touchedAt = $now
RETURN p.pid AS pid, [(p)<-[:BELONGS_TO]-(i:Identifier) | i.key] AS keys,
       [(r:Person)-[:MERGED_INTO*1..]->(p) |
         {pid: r.pid, oneId: r.oneId, createdAt: r.createdAt, anchor: r.anchor,
          mergedInto: [(r)-[:MERGED_INTO]->(n:Person) | n.pid][0]}] AS retired
