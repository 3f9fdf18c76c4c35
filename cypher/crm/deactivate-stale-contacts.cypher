// A member's mobile or email changed (or was removed) in a row newer than its stored
// profile: its CRM links to the other values of that type are deactivated, which may split
// the person. Only where the stored profile time is still the one the caller read ($expected).
// Params: $members [{key, expected, current: [key of the member's present mobile_hash / email_hash]}], $now
// Columns: member, contact (the ends of each deactivated link)
UNWIND $members AS m
MATCH (i:Identifier {key: m.key})-[r:LINKED {source: 'crm'}]-(c:Identifier)
WHERE c.type IN ['mobile_hash', 'email_hash'] AND NOT c.key IN m.current AND r.active
  AND coalesce(i.profileUpdatedAt, '') = coalesce(m.expected, '')
SET r.active = false, r.updatedAt = $now, r.changedBy = 'crm'
RETURN i.key AS member, c.key AS contact
