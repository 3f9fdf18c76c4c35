// Flags links, named by the keys of their two ends, that would break a per-person cap, and
// clears flags that no longer apply (the resolve pass's form of mark-conflicts).
// Params: $conflicts [{a, b, reason}], $resolved [{a, b}], $now
// Columns: marked
CALL () {
  UNWIND $resolved AS c
  MATCH (:Identifier {key: c.a})-[r:LINKED]-(:Identifier {key: c.b})
  REMOVE r.conflict, r.conflictAt
}
UNWIND $conflicts AS c
MATCH (:Identifier {key: c.a})-[r:LINKED]-(:Identifier {key: c.b})
SET r.conflict = c.reason, r.conflictAt = $now
RETURN count(r) AS marked
