// Write-locks persons for this transaction and returns all of their identifiers.
// Params: $pids, $now
// Columns: pid, keys
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})
SET p.touchedAt = $now
RETURN p.pid AS pid, [(p)<-[:BELONGS_TO]-(i:Identifier) | i.key] AS keys
