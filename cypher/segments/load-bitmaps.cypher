// The stored tag bitmaps and the state they were built from.
// Columns: tag, data, version, count, updatedAt, asOf, generation, settings
OPTIONAL MATCH (s:SegmentState {id: 'reference'})
OPTIONAL MATCH (b:SegmentBitmap)
RETURN b.tag AS tag, b.data AS data, b.version AS version, b.count AS count, b.updatedAt AS updatedAt,
       s.asOf AS asOf, s.generation AS generation, s.settings AS settings
