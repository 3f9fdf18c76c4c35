// Whether every person already keeps its segment facts: set once a start found none without
// them, so later starts skip the scan for persons written by an older version.
// Params: none
// Columns: kept
OPTIONAL MATCH (c:Counter {name: 'segment-facts'})
RETURN c IS NOT NULL AS kept
