// Recomputes the purchase summary kept on each person, from the purchases of all of its
// identifiers: per purchase day the net revenue in cents and whether a non-cancelled purchase
// happened; per channel the first day of a non-cancelled purchase. RFM for any as-of date
// is derived from these arrays without touching purchases again.
// Bumps the summary generation, which tells the segment bitmaps whether they are current,
// and returns the new summaries of the persons with purchases (as rfm/load-summaries does).
// Params: $pids, $now
// Columns: generation, summaries
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(:Identifier)<-[:BY]-(pu:Purchase)
  WITH pu WHERE pu IS NOT NULL
  WITH pu.day AS day, sum(pu.cents) AS cents, max(CASE WHEN pu.cancelled THEN 0 ELSE 1 END) AS bought
  ORDER BY day
  RETURN collect(day) AS days, collect(cents) AS dayCents, collect(bought = 1) AS dayBought
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(:Identifier)<-[:BY]-(pu:Purchase)
  WITH pu WHERE pu IS NOT NULL AND NOT pu.cancelled
  WITH pu.channel AS channel, min(pu.day) AS first
  ORDER BY channel
  RETURN collect(channel) AS channels, collect(first) AS channelFirstDays
}
SET p.purchaseDays = days, p.dayCents = dayCents, p.dayBought = dayBought,
    p.channels = channels, p.channelFirstDays = channelFirstDays, p.summaryAt = $now
WITH p
OPTIONAL MATCH (p)<-[:BELONGS_TO]-(m:Identifier {type: 'member_id'})
WITH p, head(collect(m)) AS m
WITH collect(CASE WHEN size(p.purchaseDays) = 0 THEN null ELSE {
  pid: p.pid, oneId: p.oneId, days: p.purchaseDays, dayCents: p.dayCents, dayBought: p.dayBought,
  channels: p.channels, channelFirstDays: p.channelFirstDays,
  level: m.level, gender: m.gender, registerChannel: m.registerChannel
} END) AS summaries
MERGE (c:Counter {name: 'summary'})
  ON CREATE SET c.value = 0
SET c.value = c.value + 1
RETURN c.value AS generation, summaries
