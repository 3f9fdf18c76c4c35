// Quarantines identifiers linked to more distinct identifiers than the limit; their links
// are then never used for merging.
// Params: $keys, $limit, $now
// Columns: key, degree
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
WHERE NOT i.quarantined
WITH i, COUNT { (i)-[r:LINKED]-() WHERE r.active } AS degree
WHERE degree > $limit
SET i.quarantined = true, i.quarantinedAt = $now,
    i.quarantineReason = 'linked to ' + toString(degree) + ' identifiers (limit ' + toString($limit) + ')'
RETURN i.key AS key, degree
