// Whether the graph holds any identifier yet (the service loads the seeds into an empty graph).
// Columns: empty
RETURN NOT EXISTS { MATCH (:Identifier) } AS empty
