// Flags links that would break a per-person cap, and clears flags that no longer apply.
// Params: $conflicts [{edgeId, reason}], $resolved [edgeId], $now
// Columns: marked
CALL () {
  UNWIND $resolved AS id
  MATCH ()-[r:LINKED]->() WHERE elementId(r) = id
  REMOVE r.conflict, r.conflictAt
}
UNWIND $conflicts AS c
MATCH ()-[r:LINKED]->() WHERE elementId(r) = c.edgeId
SET r.conflict = c.reason, r.conflictAt = $now
RETURN count(r) AS marked
