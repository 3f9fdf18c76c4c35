// One page of the link graph a resolve pass reads (see src/identity/bulk/read-link-graph.ts):
// each identifier with whether it has a person, and every link at it as
// [other key, outgoing, confidence, active, firstSeen, seq, conflict]. A missing key gives no row.
// Params: $keys
// Columns: key, type, firstSeen, lastSeen, quarantined, hasPerson, links
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
RETURN i.key AS key, i.type AS type, i.firstSeen AS firstSeen, i.lastSeen AS lastSeen,
       i.quarantined AS quarantined, EXISTS { (i)-[:BELONGS_TO]->(:Person) } AS hasPerson,
       [(i)-[r:LINKED]-(j:Identifier) |
         [j.key, startNode(r) = i, r.confidence, r.active, r.firstSeen, coalesce(r.seq, 0), r.conflict]] AS links
