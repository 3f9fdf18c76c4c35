// Recent merges and splits, newest first: who was retired into whom, or split from whom.
// A merge that a later split undid is listed as WAS_MERGED_INTO.
// :param since => '2024-01-01T00:00:00'
// Params: $since (timestamp "YYYY-MM-DDTHH:MM:SS")
MATCH (a:Person)-[r:MERGED_INTO|WAS_MERGED_INTO|SPLIT_FROM]->(b:Person)
WHERE r.at >= $since
RETURN type(r) AS change, a.oneId AS person, b.oneId AS other, r.at AS at, r.reason AS reason
ORDER BY r.at DESC
LIMIT 200
