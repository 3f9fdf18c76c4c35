// Recomputes the summary kept on each person, from the purchases of all of its identifiers:
// per purchase day the net revenue in cents and whether a non-cancelled purchase happened; per
// channel the first day of a non-cancelled purchase. RFM for any as-of date is derived from
// these arrays without touching purchases again. With them, what segment rules read of its
// identifiers: their types (quarantined ones left out), the static segments that list any of
// them, and the purposes it consents to (per purpose, the latest statement of any identifier
// wins, a withdrawal on equal times; no statement is no consent).
// Bumps the summary generation (the change feed's sequence) and records, under it, which
// persons changed or retired: every process follows these Change nodes to keep its caches
// current (rfm/read-changes). The counter's write lock is held to the commit, so sequences
// commit in order. Returns the new summaries of the persons (as rfm/load-summaries does).
// Params: $pids, $retired, $now
// Columns: generation, summaries
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})
// a subquery ending in an aggregation returns one row even without purchases
CALL (p) {
  MATCH (p)<-[:BELONGS_TO]-(:Identifier)<-[:BY]-(u:Purchase)
  WITH u.day AS day, sum(u.cents) AS cents, max(CASE WHEN u.cancelled THEN 0 ELSE 1 END) AS bought
  ORDER BY day
  RETURN collect(day) AS days, collect(cents) AS dayCents, collect(bought = 1) AS dayBought
}
CALL (p) {
  MATCH (p)<-[:BELONGS_TO]-(:Identifier)<-[:BY]-(u:Purchase)
  WHERE NOT u.cancelled
  WITH u.channel AS channel, min(u.day) AS first
  RETURN collect(channel) AS channels, collect(first) AS channelFirstDays
}
CALL (p) {
  MATCH (p)<-[:BELONGS_TO]-(i:Identifier)
  WITH collect(i) AS held
  WITH held,
       reduce(c = null, i IN held | CASE WHEN i.consentAdsAt IS NOT NULL AND (c IS NULL OR i.consentAdsAt > c.consentAdsAt OR (i.consentAdsAt = c.consentAdsAt AND NOT i.consentAds)) THEN i ELSE c END) AS ads,
       reduce(c = null, i IN held | CASE WHEN i.consentEmailAt IS NOT NULL AND (c IS NULL OR i.consentEmailAt > c.consentEmailAt OR (i.consentEmailAt = c.consentEmailAt AND NOT i.consentEmail)) THEN i ELSE c END) AS email,
       reduce(c = null, i IN held | CASE WHEN i.type = 'member_id' AND i.profileUpdatedAt IS NOT NULL AND (c IS NULL OR i.profileUpdatedAt > c.profileUpdatedAt) THEN i ELSE c END) AS member
  RETURN [t IN reduce(ts = [], i IN held | CASE WHEN coalesce(i.quarantined, false) OR i.type IN ts THEN ts ELSE ts + i.type END) | t] AS identifierTypes,
         [x IN [CASE WHEN ads.consentAds THEN 'ads' END, CASE WHEN email.consentEmail THEN 'email' END] WHERE x IS NOT NULL] AS consents,
         member
}
SET p.purchaseDays = days, p.dayCents = dayCents, p.dayBought = dayBought,
    p.channels = channels, p.channelFirstDays = channelFirstDays, p.summaryAt = $now,
    p.identifierTypes = identifierTypes, p.consents = consents,
    p.segmentLists = COLLECT { MATCH (p)<-[:BELONGS_TO]-(:Identifier)-[:IN_SEGMENT]->(s:Segment) RETURN DISTINCT s.name },
    p.memberKey = member.key
WITH p, member AS m
WITH collect({
  pid: p.pid, oneId: p.oneId, days: p.purchaseDays, dayCents: p.dayCents, dayBought: p.dayBought,
  channels: p.channels, channelFirstDays: p.channelFirstDays,
  identifierTypes: p.identifierTypes, consents: p.consents, segmentLists: p.segmentLists,
  level: m.level, gender: m.gender, registerChannel: m.registerChannel,
  totalPoints: m.totalPoints, registerDate: m.registerDate, birthday: m.birthday
}) AS summaries
MERGE (c:Counter {name: 'summary'})
  ON CREATE SET c.value = 0
SET c.value = c.value + 1
CREATE (:Change {seq: c.value, pids: $pids, retired: $retired, at: datetime($now)})
RETURN c.value AS generation, summaries
