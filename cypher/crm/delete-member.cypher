// A member deleted at the source: the profile is marked deleted and its CRM links are
// deactivated; the identifier and its history stay. The delete's time is the deleted row's
// updated_at: the delete applies unless the stored profile is newer, and its time becomes
// the profile's, so a row of that time or older arriving later changes nothing. A delete
// without a time (a minimal row image) applies as of the stored profile's time.
// Params: $members [{key, updatedAt (null: unknown)}], $now
// Columns: key (the members deleted)
UNWIND $members AS m
MATCH (i:Identifier {key: m.key})
WHERE m.updatedAt IS NULL OR i.profileUpdatedAt IS NULL OR i.profileUpdatedAt <= m.updatedAt
SET i.deleted = true, i.deletedAt = $now,
    i.profileUpdatedAt = coalesce(m.updatedAt, i.profileUpdatedAt)
WITH i
OPTIONAL MATCH (i)-[r:LINKED {source: 'crm'}]-()
SET r.active = false, r.updatedAt = $now, r.changedBy = 'crm delete'
RETURN DISTINCT i.key AS key
