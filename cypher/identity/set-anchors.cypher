// Stores each person's anchor: the identifier whose component keeps the person on a split.
// Params: $anchors [{pid, key}]
// Columns: set
UNWIND $anchors AS row
MATCH (p:Person {pid: row.pid})
SET p.anchor = row.key
RETURN count(p) AS set
