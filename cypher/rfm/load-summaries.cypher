// One page of the purchase summaries of every active person with purchases, in pid order
// after $after, with the profile fields that custom segment rules may use (one person's
// summary comes from rfm/refresh-persons). Paged so that no process holds them all at once.
// Params: $after, $limit
// Columns: pid, oneId, days, dayCents, dayBought, channels, channelFirstDays, level, gender, registerChannel
MATCH (p:Person)
WHERE p.pid > toInteger($after) AND p.status = 'active' AND size(coalesce(p.purchaseDays, [])) > 0
WITH p ORDER BY p.pid LIMIT toInteger($limit)
OPTIONAL MATCH (p)<-[:BELONGS_TO]-(m:Identifier {type: 'member_id'})
WITH p, head(collect(m)) AS m
RETURN p.pid AS pid, p.oneId AS oneId, p.purchaseDays AS days, p.dayCents AS dayCents,
       p.dayBought AS dayBought, p.channels AS channels, p.channelFirstDays AS channelFirstDays,
       m.level AS level, m.gender AS gender, m.registerChannel AS registerChannel
ORDER BY pid
