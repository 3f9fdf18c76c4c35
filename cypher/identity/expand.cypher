// One step of the closure that a re-clustering must see: each identifier's person and the
// identifiers it reaches over links that can merge (active, strong, not quarantined).
// Params: $keys, $threshold
// Columns: key, pid, neighbors
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
OPTIONAL MATCH (i)-[:BELONGS_TO]->(p:Person)
RETURN i.key AS key, p.pid AS pid,
       CASE WHEN i.quarantined THEN [] ELSE
         [(i)-[r:LINKED]-(j:Identifier) WHERE r.active AND r.confidence >= $threshold AND NOT j.quarantined | j.key]
       END AS neighbors
