// The summaries of the given active persons (the same columns as rfm/load-summaries).
// Params: $pids
// Columns: pid, oneId, days, dayCents, dayBought, channels, channelFirstDays, identifierTypes, consents, segmentLists, level, gender, registerChannel, totalPoints, registerDate, birthday
UNWIND $pids AS pid
MATCH (p:Person {pid: pid, status: 'active'})
OPTIONAL MATCH (m:Identifier {key: p.memberKey})
RETURN p.pid AS pid, p.oneId AS oneId, coalesce(p.purchaseDays, []) AS days,
       coalesce(p.dayCents, []) AS dayCents, coalesce(p.dayBought, []) AS dayBought,
       coalesce(p.channels, []) AS channels, coalesce(p.channelFirstDays, []) AS channelFirstDays,
       coalesce(p.identifierTypes, []) AS identifierTypes, coalesce(p.consents, []) AS consents,
       coalesce(p.segmentLists, []) AS segmentLists,
       m.level AS level, m.gender AS gender, m.registerChannel AS registerChannel,
       m.totalPoints AS totalPoints, m.registerDate AS registerDate, m.birthday AS birthday
