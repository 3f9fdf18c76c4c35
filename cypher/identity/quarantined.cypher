// Quarantined (supernode) identifiers with their reason.
// Params: $limit
// Columns: key, reason, at
MATCH (i:Identifier {quarantined: true})
RETURN i.key AS key, i.quarantineReason AS reason, i.quarantinedAt AS at
ORDER BY at DESC LIMIT toInteger($limit)
