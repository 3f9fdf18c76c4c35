// The event writer before issue 15, kept only as the baseline of bench/kafka.ts (the service
// uses events/store-events). Stores app events once each (by event_id; the caller leaves out
// the stored ones, and MERGE keeps a concurrent duplicate out) and hangs them on their best
// identifier. Purchases also carry the Purchase label and the fields RFM reads.
// Params: $events [{eventId, type, channel, platform, pageName, sessionId, itemId, cents, time, day, by, purchase}]
// Columns: purchasePids (the persons whose purchases changed)
UNWIND $events AS e
MATCH (i:Identifier {key: e.by})
MERGE (ev:Event {eventId: e.eventId})
  ON CREATE SET ev.type = e.type, ev.channel = e.channel, ev.platform = e.platform,
                ev.pageName = e.pageName, ev.sessionId = e.sessionId, ev.itemId = e.itemId,
                ev.cents = e.cents, ev.time = e.time, ev.day = e.day
MERGE (ev)-[:BY]->(i)
FOREACH (_ IN CASE WHEN e.purchase THEN [1] ELSE [] END |
  SET ev:Purchase, ev.key = 'event:' + e.eventId, ev.cancelled = false, ev.lineCount = 1,
      ev.orderId = e.eventId)
WITH e, i WHERE e.purchase
MATCH (i)-[:BELONGS_TO]->(p:Person)
RETURN collect(DISTINCT p.pid) AS purchasePids
