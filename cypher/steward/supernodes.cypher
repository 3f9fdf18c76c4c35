// Quarantined identifiers (linked to more identifiers than ONEID_SUPERNODE_LIMIT) and the
// identifiers closest to the limit.
// :param limit => 50
// Params: $limit
MATCH (i:Identifier)
WITH i, COUNT { (i)-[r:LINKED]-() WHERE r.active } AS degree
WHERE i.quarantined OR degree > toInteger($limit) / 2
RETURN i.key AS identifier, degree, i.quarantined AS quarantined, i.quarantineReason AS reason
ORDER BY i.quarantined DESC, degree DESC
LIMIT 100
