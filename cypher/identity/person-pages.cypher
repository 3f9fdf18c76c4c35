// Persons with what their profile page shows beside the OneID, in one read: looked up by
// identifier key, by pid, or by OneID (a retired one gives its survivor). Give one of the three
// lists, the other two empty. One row per item, in its order; an unknown one gives a null pid.
// Identifiers: each with the strongest link that holds it in the person (its source and
// confidence). Profile: the CRM profile of its most recently updated member_id identifier
// (null without one). The links are matched against the identifiers already held (a list) rather
// than expanded to the person again: a third of the database hits.
// Consent: per purpose the effective statement among its identifiers, as rfm/refresh-persons
// derives p.consents (the latest wins, a withdrawal on equal times); granted false and a null
// time without one.
// Summary (only with $withSummary, else null): the purchase summary arrays kept on the person
// (see rfm/refresh-persons), empty lists for a person without purchases, and what segment rules
// read of its identifiers (types, consents, static segments); with the profile they give its
// RFM and segments for any as-of date.
// Params: $keys, $pids, $oneIds, $withSummary
// Columns: pid, oneId, status, createdAt, identifiers, consent, profile, summary
CALL () {
  UNWIND $keys AS key
  OPTIONAL MATCH (:Identifier {key: key})-[:BELONGS_TO]->(p:Person)
  RETURN p
  UNION ALL
  UNWIND $pids AS pid
  OPTIONAL MATCH (p:Person {pid: pid})
  RETURN p
  UNION ALL
  UNWIND $oneIds AS oneId
  OPTIONAL MATCH (o:Person {oneId: oneId})-[:MERGED_INTO*0..]->(p:Person {status: 'active'})
  USING INDEX o:Person(oneId)
  RETURN p
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(i:Identifier)
  WITH collect(i) AS held
  UNWIND held AS i
  OPTIONAL MATCH (i)-[r:LINKED]-(other) WHERE other IN held
  WITH i, r ORDER BY r.active DESC, r.confidence DESC
  WITH i, head(collect(r)) AS best, count(r) AS links
  ORDER BY i.type, i.value
  RETURN collect({
    type: i.type, value: i.value, firstSeen: i.firstSeen, lastSeen: i.lastSeen,
    source: coalesce(best.source, i.source), confidence: coalesce(best.confidence, 1.0),
    active: NOT i.quarantined AND (links = 0 OR best.active) AND NOT coalesce(i.deleted, false),
    quarantined: i.quarantined
  }) AS identifiers,
  collect(CASE WHEN i.type = 'member_id' AND i.profileUpdatedAt IS NOT NULL THEN i END) AS members,
  collect(CASE WHEN i.consentAdsAt IS NOT NULL OR i.consentEmailAt IS NOT NULL THEN i END) AS stating
}
WITH p, identifiers, stating,
     reduce(m = null, c IN members | CASE WHEN m IS NULL OR c.profileUpdatedAt > m.profileUpdatedAt THEN c ELSE m END) AS m
WITH p, identifiers, m,
     reduce(c = null, i IN stating | CASE WHEN i.consentAdsAt IS NOT NULL AND (c IS NULL OR i.consentAdsAt > c.consentAdsAt OR (i.consentAdsAt = c.consentAdsAt AND NOT i.consentAds)) THEN i ELSE c END) AS ads,
     reduce(c = null, i IN stating | CASE WHEN i.consentEmailAt IS NOT NULL AND (c IS NULL OR i.consentEmailAt > c.consentEmailAt OR (i.consentEmailAt = c.consentEmailAt AND NOT i.consentEmail)) THEN i ELSE c END) AS email
RETURN p.pid AS pid, p.oneId AS oneId, p.status AS status, p.createdAt AS createdAt, identifiers,
[{purpose: 'ads', granted: coalesce(ads.consentAds, false), at: ads.consentAdsAt, source: ads.consentAdsSource},
 {purpose: 'email', granted: coalesce(email.consentEmail, false), at: email.consentEmailAt, source: email.consentEmailSource}] AS consent,
CASE WHEN m IS NULL THEN null ELSE {
  memberId: m.value, realName: m.realName, gender: m.gender, birthday: m.birthday,
  registerDate: m.registerDate, registerChannel: m.registerChannel, level: m.level,
  totalPoints: m.totalPoints, updatedAt: m.profileUpdatedAt, deleted: coalesce(m.deleted, false)
} END AS profile,
CASE WHEN $withSummary AND p IS NOT NULL THEN {
  days: coalesce(p.purchaseDays, []), dayCents: coalesce(p.dayCents, []),
  dayBought: coalesce(p.dayBought, []), channels: coalesce(p.channels, []),
  channelFirstDays: coalesce(p.channelFirstDays, []),
  identifierTypes: coalesce(p.identifierTypes, []), consents: coalesce(p.consents, []),
  segmentLists: coalesce(p.segmentLists, [])
} END AS summary
