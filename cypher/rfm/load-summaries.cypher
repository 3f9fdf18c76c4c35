// The purchase summaries of every active person with purchases, with the profile fields
// that custom segment rules may use (one person's summary comes from rfm/refresh-persons).
// Params: none
// Columns: pid, oneId, days, dayCents, dayBought, channels, channelFirstDays, level, gender, registerChannel
MATCH (p:Person {status: 'active'})
WHERE size(coalesce(p.purchaseDays, [])) > 0
OPTIONAL MATCH (p)<-[:BELONGS_TO]-(m:Identifier {type: 'member_id'})
WITH p, head(collect(m)) AS m
RETURN p.pid AS pid, p.oneId AS oneId, p.purchaseDays AS days, p.dayCents AS dayCents,
       p.dayBought AS dayBought, p.channels AS channels, p.channelFirstDays AS channelFirstDays,
       m.level AS level, m.gender AS gender, m.registerChannel AS registerChannel
