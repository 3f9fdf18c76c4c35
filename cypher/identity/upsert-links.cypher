// Creates or updates LINKED relationships (one per pair of identifiers, either direction).
// Order-proof: an older row never overwrites a newer one, and first seen is the earliest.
// mode "mapping": the seed's MERGE INTO: a known pair gets last_seen, confidence and
//   is_active from the row when the row's lastSeen is later than the stored one (an
//   equal or earlier one changes nothing).
// mode "observe": a known pair keeps its highest confidence and latest lastSeen; an active
//   observation re-activates it, an inactive one (history) never deactivates it.
// A new link gets the provisional write order $pendingSeq + its row index (row.n when
// given), after every stored link, until assign-link-seqs gives it its place (in the same
// transaction).
// Returns the pairs whose clustering or supernode count may change: new links (created),
// links that start or stop being able to merge (active with confidence >= $threshold), and
// re-activated links (an identifier's count of active links, weak ones included, grows).
// Params: $links [{a, b, source, confidence, firstSeen, lastSeen, active, mode, n?}], $threshold,
//         $now, $pendingSeq
// Columns: a, b, created
UNWIND range(0, size($links) - 1) AS i
WITH $links[i] AS row, coalesce($links[i].n, i) AS n
MATCH (a:Identifier {key: row.a})
MATCH (b:Identifier {key: row.b})
MERGE (a)-[r:LINKED]-(b)
  ON CREATE SET r.source = row.source, r.confidence = row.confidence, r.firstSeen = row.firstSeen,
                r.lastSeen = row.lastSeen, r.active = row.active, r.createdAt = $now, r._new = true,
                r.seq = $pendingSeq + n
WITH row, r, coalesce(r._new, false) AS created, r.active AS wasActive,
     r.active AND r.confidence >= $threshold AS wasStrong
REMOVE r._new
WITH row, r, created, wasActive, wasStrong
CALL (row, r, created) {
  WITH row, r, created WHERE NOT created
  WITH row, r, row.mode = 'mapping' AND (r.lastSeen IS NULL OR row.lastSeen > r.lastSeen) AS newer
  SET r.confidence = CASE
        WHEN newer THEN row.confidence
        WHEN row.mode <> 'mapping' AND row.confidence > r.confidence THEN row.confidence
        ELSE r.confidence END,
      r.active = CASE
        WHEN newer THEN row.active
        WHEN row.mode = 'mapping' THEN r.active
        ELSE r.active OR row.active END,
      r.firstSeen = CASE WHEN r.firstSeen IS NULL OR row.firstSeen < r.firstSeen THEN row.firstSeen ELSE r.firstSeen END,
      r.lastSeen = CASE WHEN r.lastSeen IS NULL OR row.lastSeen > r.lastSeen THEN row.lastSeen ELSE r.lastSeen END,
      r.updatedAt = $now
}
WITH row, created, wasStrong, r.active AND r.confidence >= $threshold AS isStrong,
     r.active AND NOT wasActive AS reactivated
WHERE created OR wasStrong <> isStrong OR reactivated
RETURN row.a AS a, row.b AS b, created
