// Stores app events once each (by event_id) and hangs them on their best identifier.
// Purchases also carry the Purchase label and the fields RFM reads.
// Params: $events [{eventId, type, channel, platform, pageName, sessionId, itemId, cents, time, day, by, purchase}]
// Columns: created
UNWIND $events AS e
MERGE (ev:Event {eventId: e.eventId})
  ON CREATE SET ev.type = e.type, ev.channel = e.channel, ev.platform = e.platform,
                ev.pageName = e.pageName, ev.sessionId = e.sessionId, ev.itemId = e.itemId,
                ev.cents = e.cents, ev.time = e.time, ev.day = e.day, ev._new = true
WITH ev, e, coalesce(ev._new, false) AS created
REMOVE ev._new
WITH ev, e, created
MATCH (i:Identifier {key: e.by})
MERGE (ev)-[:BY]->(i)
WITH ev, e, created
CALL (ev, e, created) {
  WITH ev, e, created WHERE created AND e.purchase
  SET ev:Purchase, ev.key = 'event:' + e.eventId, ev.cancelled = false, ev.lineCount = 1, ev.orderId = e.eventId
}
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created
