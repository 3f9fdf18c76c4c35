// Every active person id, for a full refresh in batches.
// Columns: pid
MATCH (p:Person {status: 'active'})
RETURN p.pid AS pid
ORDER BY pid
