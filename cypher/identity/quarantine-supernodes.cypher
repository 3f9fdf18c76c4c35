// Quarantines identifiers linked to more distinct identifiers than the limit; their links
// are then never used for merging, so a conflict flag on them no longer applies.
// Params: $keys, $limit, $now
// Columns: key, degree
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
WHERE NOT i.quarantined
WITH i, COUNT { (i)-[r:LINKED]-() WHERE r.active } AS degree
WHERE degree > $limit
SET i.quarantined = true, i.quarantinedAt = $now,
    i.quarantineReason = 'linked to ' + toString(degree) + ' identifiers (limit ' + toString(toInteger($limit)) + ')'
WITH i, degree
CALL (i) {
  MATCH (i)-[r:LINKED]-()
  WHERE r.conflict IS NOT NULL
  REMOVE r.conflict, r.conflictAt
}
RETURN i.key AS key, degree
