// What a person's profile page shows beside its OneID, in one read for both: its identifiers,
// each with the strongest link that holds it in the person (its source and confidence), and
// its CRM profile (from its most recently updated member_id identifier; null without one).
// In the order of $pids; an unknown pid gives [] and null.
// Params: $pids
// Columns: pid, identifiers, profile
UNWIND $pids AS pid
OPTIONAL MATCH (p:Person {pid: pid})
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(i:Identifier)
  WITH i WHERE i IS NOT NULL
  OPTIONAL MATCH (i)-[r:LINKED]-(:Identifier)-[:BELONGS_TO]->(p)
  WITH i, r ORDER BY r.active DESC, r.confidence DESC
  WITH i, head(collect(r)) AS best, count(r) AS links
  ORDER BY i.type, i.value
  RETURN collect({
    type: i.type, value: i.value, firstSeen: i.firstSeen, lastSeen: i.lastSeen,
    source: coalesce(best.source, i.source), confidence: coalesce(best.confidence, 1.0),
    active: NOT i.quarantined AND (links = 0 OR best.active) AND NOT coalesce(i.deleted, false),
    quarantined: i.quarantined
  }) AS identifiers,
  collect(CASE WHEN i.type = 'member_id' AND i.profileUpdatedAt IS NOT NULL THEN i END) AS members
}
WITH pid, identifiers,
     reduce(m = null, c IN members | CASE WHEN m IS NULL OR c.profileUpdatedAt > m.profileUpdatedAt THEN c ELSE m END) AS m
RETURN pid, identifiers, CASE WHEN m IS NULL THEN null ELSE {
  memberId: m.value, realName: m.realName, gender: m.gender, birthday: m.birthday,
  registerDate: m.registerDate, registerChannel: m.registerChannel, level: m.level,
  totalPoints: m.totalPoints, updatedAt: m.profileUpdatedAt, deleted: coalesce(m.deleted, false)
} END AS profile
