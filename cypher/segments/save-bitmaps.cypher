// Stores tag bitmaps (portable Roaring with a versioned header) and the state they reflect,
// unless the stored copy is of a later feed sequence for the same reference date (another
// replica stored it): bitmaps are never moved back. Definitions change through the feed too, so
// a later sequence also means later definitions ($settings: their fingerprint). A tag absent from $tags keeps its stored bitmap
// unless $replaceAll.
// $dropped: tags of deleted segments, whose stored bitmaps go.
// Params: $tags [{tag, data, version, count}], $asOf, $generation, $settings, $now, $replaceAll, $dropped
// Columns: saved
MERGE (s:SegmentState {id: 'reference'})
// written first, so the state is locked before it is compared
SET s.checkedAt = $now
WITH s, (s.generation IS NULL OR s.asOf <> $asOf OR s.generation <= $generation) AS saved
CALL (s, saved) {
  WITH s WHERE saved
  SET s.asOf = $asOf, s.generation = $generation, s.settings = $settings, s.updatedAt = $now
  WITH s
  CALL (s) {
    WITH s WHERE $replaceAll
    MATCH (old:SegmentBitmap) WHERE NOT old.tag IN [t IN $tags | t.tag]
    DELETE old
  }
  CALL (s) {
    MATCH (old:SegmentBitmap) WHERE old.tag IN $dropped
    DELETE old
  }
  UNWIND $tags AS t
  MERGE (b:SegmentBitmap {tag: t.tag})
  SET b.data = t.data, b.version = t.version, b.count = t.count, b.updatedAt = $now
}
RETURN saved
