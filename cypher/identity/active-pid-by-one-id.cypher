// The active person a OneID stands for: itself, or the survivor it was merged into.
// Params: $oneIds
// Columns: oneId, pid
UNWIND $oneIds AS oneId
OPTIONAL MATCH (:Person {oneId: oneId})-[:MERGED_INTO*0..]->(s:Person {status: 'active'})
RETURN oneId, s.pid AS pid
