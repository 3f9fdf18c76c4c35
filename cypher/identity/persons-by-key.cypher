// Current person of identifier keys, in the order given; an unknown key gives a null pid.
// Params: $keys
// Columns: pid, oneId, status, createdAt
UNWIND $keys AS k
OPTIONAL MATCH (:Identifier {key: k})-[:BELONGS_TO]->(p:Person)
RETURN p.pid AS pid, p.oneId AS oneId, p.status AS status, p.createdAt AS createdAt
