// Activates or deactivates the link between two identifiers (steward unlink / relink).
// Params: $a, $b (identifier keys), $active, $now, $by
// Columns: found
MATCH (a:Identifier {key: $a})-[r:LINKED]-(b:Identifier {key: $b})
SET r.active = $active, r.updatedAt = $now, r.changedBy = $by
RETURN count(r) AS found
