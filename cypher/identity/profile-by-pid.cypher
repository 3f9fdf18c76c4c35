// The CRM profile of persons (from their member_id identifier), in the order of $pids.
// Params: $pids
// Columns: pid, profile
UNWIND $pids AS pid
OPTIONAL MATCH (:Person {pid: pid})<-[:BELONGS_TO]-(m:Identifier {type: 'member_id'})
WITH pid, m ORDER BY m.profileUpdatedAt DESC
WITH pid, head(collect(m)) AS m
RETURN pid, CASE WHEN m IS NULL OR m.profileUpdatedAt IS NULL THEN null ELSE {
  memberId: m.value, realName: m.realName, gender: m.gender, birthday: m.birthday,
  registerDate: m.registerDate, registerChannel: m.registerChannel, level: m.level,
  totalPoints: m.totalPoints, updatedAt: m.profileUpdatedAt, deleted: coalesce(m.deleted, false)
} END AS profile
