// Creates identifiers known to be new (a bulk load checked with existing-keys), with the
// properties upsert-identifiers gives a new one.
// Params: $ids [{key, type, value, seenAt, lastSeen, source}]
// Columns: created
UNWIND $ids AS row
CREATE (i:Identifier {key: row.key, type: row.type, value: row.value, firstSeen: row.seenAt,
                      lastSeen: row.lastSeen, quarantined: false, source: row.source})
RETURN count(i) AS created
