// Persons by integer id, in the order given (null for an unknown id).
// Params: $pids
// Columns: pid, oneId, status, createdAt
UNWIND $pids AS pid
OPTIONAL MATCH (p:Person {pid: pid})
RETURN pid, p.oneId AS oneId, p.status AS status, p.createdAt AS createdAt
