// Which of these events are stored already (events are stored once, by event_id).
// Params: $ids
// Columns: id
UNWIND $ids AS id
MATCH (e:Event {eventId: id})
RETURN e.eventId AS id
