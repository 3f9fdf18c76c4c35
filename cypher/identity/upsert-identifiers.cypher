// Creates or refreshes identifiers (first seen is the earliest, last seen the latest
// observation) and write-locks them for this transaction.
// Params: $ids [{key, type, value, seenAt, lastSeen, source}]
// Columns: written
UNWIND $ids AS row
MERGE (i:Identifier {key: row.key})
  ON CREATE SET i.type = row.type, i.value = row.value, i.firstSeen = row.seenAt,
                i.lastSeen = row.lastSeen, i.quarantined = false, i.source = row.source
  ON MATCH SET i.firstSeen = CASE WHEN row.seenAt < i.firstSeen THEN row.seenAt ELSE i.firstSeen END,
               i.lastSeen = CASE WHEN row.lastSeen > i.lastSeen THEN row.lastSeen ELSE i.lastSeen END
RETURN count(i) AS written
