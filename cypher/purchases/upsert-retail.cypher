// Stores retail purchases, one node per invoice and customer. Each row carries only lines
// the graph does not hold yet (the caller drops the others, see purchases/existing-lines and
// src/purchases/fresh-lines.ts): a new purchase is created with them, a known one gets them
// appended, their cents added and its time moved back when they are earlier. No Cypher list
// work per line: a load costs the same whatever the invoice sizes.
// Params: $purchases [{key, channel, orderId, customerKey, day, time, cancelled, lineKeys, lineCents, cents}]
// Columns: added (lines written), changedCustomers (keys of customers with new lines)
UNWIND $purchases AS row
MERGE (p:Purchase {key: row.key})
  ON CREATE SET p.channel = row.channel, p.orderId = row.orderId, p.day = row.day, p.time = row.time,
                p.cancelled = row.cancelled, p.lineKeys = row.lineKeys, p.lineCents = row.lineCents,
                p.cents = row.cents, p.lineCount = size(row.lineKeys)
  ON MATCH SET p.lineKeys = p.lineKeys + row.lineKeys, p.lineCents = p.lineCents + row.lineCents,
               p.cents = p.cents + row.cents, p.lineCount = p.lineCount + size(row.lineKeys),
               p.time = CASE WHEN row.time < p.time THEN row.time ELSE p.time END,
               p.day = CASE WHEN row.day < p.day THEN row.day ELSE p.day END
WITH p, row
CALL (p, row) {
  WITH p, row WHERE row.customerKey IS NOT NULL
  MATCH (i:Identifier {key: row.customerKey})
  MERGE (p)-[:BY]->(i)
}
RETURN sum(size(row.lineKeys)) AS added, collect(DISTINCT row.customerKey) AS changedCustomers
