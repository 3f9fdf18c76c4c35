// A member deleted at the source: the profile is marked deleted and its CRM links are
// deactivated. The identifier and its history stay.
// Params: $keys, $now
// Columns: key
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
SET i.deleted = true, i.deletedAt = $now
WITH i
OPTIONAL MATCH (i)-[r:LINKED {source: 'crm'}]-()
SET r.active = false, r.updatedAt = $now, r.changedBy = 'crm delete'
RETURN DISTINCT i.key AS key
