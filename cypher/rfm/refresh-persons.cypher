// Recomputes the purchase summary kept on each person, from the purchases of all of its
// identifiers: per purchase day the net revenue in cents and whether a non-cancelled purchase
// happened; per channel the first day of a non-cancelled purchase. RFM for any as-of date
// is derived from these arrays without touching purchases again.
// Bumps the summary generation (the change feed's sequence) and records, under it, which
// persons changed or retired: every process follows these Change nodes to keep its caches
// current (rfm/read-changes). The counter's write lock is held to the commit, so sequences
// commit in order. Returns the new summaries of the persons with purchases (as
// rfm/load-summaries does).
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
CREATE (:Change {seq: c.value, pids: $pids, retired: $retired, at: datetime($now)})
RETURN c.value AS generation, summaries
