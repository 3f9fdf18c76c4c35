// Creates persons planned by a resolve pass, each with its anchor, contacts and identifiers
// (which have no person yet: CREATE, not MERGE).
// Params: $persons [{pid, oneId, anchor, mobileHash, emailHash, keys: [key]}], $now
// Columns: created
UNWIND $persons AS row
CREATE (p:Person {pid: toInteger(row.pid), oneId: row.oneId, createdAt: $now, status: 'active',
                  anchor: row.anchor, mobileHash: row.mobileHash, emailHash: row.emailHash})
WITH p, row
CALL (p, row) {
  UNWIND row.keys AS k
  MATCH (i:Identifier {key: k})
  CREATE (i)-[:BELONGS_TO {since: $now}]->(p)
}
RETURN count(p) AS created
