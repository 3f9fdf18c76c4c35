// Creates links known to be new (both ends were created in this transaction), with the
// properties upsert-links gives a new one and their write order $first + row.n.
// Params: $links [{a, b, source, confidence, firstSeen, lastSeen, active, n}], $now, $first
// Columns: created
UNWIND $links AS row
MATCH (a:Identifier {key: row.a})
MATCH (b:Identifier {key: row.b})
CREATE (a)-[r:LINKED {source: row.source, confidence: row.confidence, firstSeen: row.firstSeen,
                      lastSeen: row.lastSeen, active: row.active, createdAt: $now,
                      seq: $first + row.n}]->(b)
RETURN count(r) AS created
