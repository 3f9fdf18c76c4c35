// Writes the CRM profile onto the member_id identifier (upsert by member_id). The caller
// decided each row is newer than the stored profile time it read ($expected, null for none);
// a member whose stored time is no longer that one changes nothing and is not returned, so
// the caller can tell that a concurrent write got there first.
// Params: $members [{key, expected, realName, gender, birthday, registerDate, channel, level, totalPoints, updatedAt}]
// Columns: key (the members written)
UNWIND $members AS m
MATCH (i:Identifier {key: m.key})
WHERE coalesce(i.profileUpdatedAt, '') = coalesce(m.expected, '')
SET i.realName = m.realName, i.gender = m.gender, i.birthday = m.birthday,
    i.registerDate = m.registerDate, i.registerChannel = m.channel, i.level = m.level,
    i.totalPoints = m.totalPoints, i.profileUpdatedAt = m.updatedAt, i.deleted = false
RETURN i.key AS key
