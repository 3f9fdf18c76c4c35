// Points identifiers at their (new) person.
// Params: $moves [{key, pid}], $now
// Columns: moved
UNWIND $moves AS m
MATCH (i:Identifier {key: m.key})
MATCH (p:Person {pid: m.pid})
OPTIONAL MATCH (i)-[old:BELONGS_TO]->(:Person)
DELETE old
CREATE (i)-[:BELONGS_TO {since: $now}]->(p)
RETURN count(*) AS moved
