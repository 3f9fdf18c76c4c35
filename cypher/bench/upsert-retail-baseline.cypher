// Bench baseline only (bench/retail-load.ts): purchases/upsert-retail before issue 15, which
// diffed every line in Cypher. Not used by the service.
// Stores retail purchases, one node per invoice and customer, with their distinct lines.
// A record seen again (a re-load, or the rest of an invoice in a later batch) adds only
// the lines it does not hold yet, so loads are idempotent and line duplicates collapse; a
// record with no new line writes nothing.
// Params: $purchases [{key, channel, orderId, customerKey, day, time, cancelled, lineKeys, lineCents}]
// Columns: added (lines new to the graph), changedCustomers (keys of customers with new lines)
UNWIND $purchases AS row
MERGE (p:Purchase {key: row.key})
  ON CREATE SET p.channel = row.channel, p.orderId = row.orderId, p.day = row.day, p.time = row.time,
                p.cancelled = row.cancelled, p.lineKeys = [], p.lineCents = []
WITH p, row, [i IN range(0, size(row.lineKeys) - 1) WHERE NOT row.lineKeys[i] IN p.lineKeys] AS fresh
WHERE size(fresh) > 0
SET p.lineKeys = p.lineKeys + [i IN fresh | row.lineKeys[i]],
    p.lineCents = p.lineCents + [i IN fresh | row.lineCents[i]],
    p.time = CASE WHEN row.time < p.time THEN row.time ELSE p.time END,
    p.day = CASE WHEN row.day < p.day THEN row.day ELSE p.day END
SET p.cents = reduce(total = 0, c IN p.lineCents | total + c), p.lineCount = size(p.lineKeys)
WITH p, row, size(fresh) AS added
CALL (p, row) {
  WITH p, row WHERE row.customerKey IS NOT NULL
  MATCH (i:Identifier {key: row.customerKey})
  MERGE (p)-[:BY]->(i)
}
RETURN sum(added) AS added, collect(DISTINCT CASE WHEN added > 0 THEN row.customerKey END) AS changedCustomers
