// One page of the summaries of every active person, in pid order after $after: the purchase
// arrays, what segment rules read of its identifiers (kept on the person by
// rfm/refresh-persons) and the profile fields of its most recently updated member_id. A person
// without purchases has empty arrays. Paged so that no process holds them all at once.
// Params: $after, $limit
// Columns: pid, oneId, days, dayCents, dayBought, channels, channelFirstDays, identifierTypes, consents, segmentLists, level, gender, registerChannel, totalPoints, registerDate, birthday
MATCH (p:Person)
WHERE p.pid > toInteger($after) AND p.status = 'active'
WITH p ORDER BY p.pid LIMIT toInteger($limit)
OPTIONAL MATCH (m:Identifier {key: p.memberKey})
RETURN p.pid AS pid, p.oneId AS oneId, coalesce(p.purchaseDays, []) AS days,
       coalesce(p.dayCents, []) AS dayCents, coalesce(p.dayBought, []) AS dayBought,
       coalesce(p.channels, []) AS channels, coalesce(p.channelFirstDays, []) AS channelFirstDays,
       coalesce(p.identifierTypes, []) AS identifierTypes, coalesce(p.consents, []) AS consents,
       coalesce(p.segmentLists, []) AS segmentLists,
       m.level AS level, m.gender AS gender, m.registerChannel AS registerChannel,
       m.totalPoints AS totalPoints, m.registerDate AS registerDate, m.birthday AS birthday
ORDER BY pid
