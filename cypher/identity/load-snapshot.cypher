// Everything a re-clustering needs about a closed set of identifiers.
// Params: $keys
// Columns: key, type, value, firstSeen, quarantined, pid, oneId, createdAt, anchor, edges
// A link's seq is its write order (links written before sequencing count as 0).
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
OPTIONAL MATCH (i)-[:BELONGS_TO]->(p:Person)
RETURN i.key AS key, i.type AS type, i.value AS value, i.firstSeen AS firstSeen,
       i.quarantined AS quarantined, p.pid AS pid, p.oneId AS oneId, p.createdAt AS createdAt,
       p.anchor AS anchor,
       [(i)-[r:LINKED]->(j:Identifier) | {id: elementId(r), b: j.key, confidence: r.confidence,
         active: r.active, firstSeen: r.firstSeen, seq: coalesce(r.seq, 0), conflict: r.conflict}] AS edges
