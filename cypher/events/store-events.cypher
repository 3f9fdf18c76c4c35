// Stores app events once each (by event_id; the caller leaves out the stored ones, and MERGE
// keeps a concurrent duplicate out). A purchase is a full record hung on its best identifier:
// the Purchase label and the fields RFM reads. Any other event (page view, add to cart,
// search) keeps only its id, type, channel and time, for deduplication and the per-source
// count: what it tells about the person (its identifiers, their links and last-seen times)
// is written with the identities, and nothing reads it from an event node.
// Params: $events [{eventId, type, channel, platform, pageName, sessionId, itemId, cents, time, day, by, purchase}]
// Columns: purchasePids (the persons whose purchases changed)
UNWIND $events AS e
MERGE (ev:Event {eventId: e.eventId})
  ON CREATE SET ev.type = e.type, ev.channel = e.channel, ev.time = e.time
WITH e, ev WHERE e.purchase
MATCH (i:Identifier {key: e.by})
SET ev:Purchase, ev.platform = e.platform, ev.pageName = e.pageName, ev.sessionId = e.sessionId,
    ev.itemId = e.itemId, ev.cents = e.cents, ev.day = e.day, ev.key = 'event:' + e.eventId,
    ev.cancelled = false, ev.lineCount = 1, ev.orderId = e.eventId
MERGE (ev)-[:BY]->(i)
WITH i
MATCH (i)-[:BELONGS_TO]->(p:Person)
RETURN collect(DISTINCT p.pid) AS purchasePids
