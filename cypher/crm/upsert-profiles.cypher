// Writes the CRM profile onto the member_id identifier (upsert by member_id; a row older
// than the stored one changes nothing).
// Params: $members [{key, realName, gender, birthday, registerDate, channel, level, totalPoints, updatedAt}]
// Columns: updated
UNWIND $members AS m
MATCH (i:Identifier {key: m.key})
WHERE i.profileUpdatedAt IS NULL OR i.profileUpdatedAt <= m.updatedAt
SET i.realName = m.realName, i.gender = m.gender, i.birthday = m.birthday,
    i.registerDate = m.registerDate, i.registerChannel = m.channel, i.level = m.level,
    i.totalPoints = m.totalPoints, i.profileUpdatedAt = m.updatedAt, i.deleted = false
RETURN count(i) AS updated
