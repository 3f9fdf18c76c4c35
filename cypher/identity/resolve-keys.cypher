// Current person of identifiers, in the order given; a missing identifier gives null.
// Params: $keys
// Columns: key, oneId, pid
UNWIND $keys AS k
OPTIONAL MATCH (:Identifier {key: k})-[:BELONGS_TO]->(p:Person)
RETURN k AS key, p.oneId AS oneId, p.pid AS pid
