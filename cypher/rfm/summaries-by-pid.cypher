// The purchase summaries of the given active persons that have purchases, with the profile
// fields custom segment rules use (the same columns as rfm/load-summaries).
// Params: $pids
// Columns: pid, oneId, days, dayCents, dayBought, channels, channelFirstDays, level, gender, registerChannel
UNWIND $pids AS pid
MATCH (p:Person {pid: pid, status: 'active'})
WHERE size(coalesce(p.purchaseDays, [])) > 0
OPTIONAL MATCH (p)<-[:BELONGS_TO]-(m:Identifier {type: 'member_id'})
WITH p, head(collect(m)) AS m
RETURN p.pid AS pid, p.oneId AS oneId, p.purchaseDays AS days, p.dayCents AS dayCents,
       p.dayBought AS dayBought, p.channels AS channels, p.channelFirstDays AS channelFirstDays,
       m.level AS level, m.gender AS gender, m.registerChannel AS registerChannel
