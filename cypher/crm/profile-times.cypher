// When each member's stored CRM profile was last updated (the row's own updated_at, or a
// delete's time): null when the member has no profile or no identifier yet.
// Params: $keys (member_id identifier keys)
// Columns: key, updatedAt
UNWIND $keys AS k
OPTIONAL MATCH (i:Identifier {key: k})
RETURN k AS key, i.profileUpdatedAt AS updatedAt
