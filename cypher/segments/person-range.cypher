// Delta rows for the persons whose pids lie in $lo..$hi (an index range scan: cheaper per
// person than a seek each when the changed persons are dense in the range), ascending, one
// record: `pids`, and per pid its own "oneId<US>mobileHash<US>emailHash" as in person-rows,
// retired persons included.
// Params: $lo, $hi
// Columns: pids, lines
MATCH (p:Person)
WHERE $lo <= p.pid <= $hi
WITH p ORDER BY p.pid
RETURN collect(p.pid) AS pids,
       collect(p.oneId + '\u001f' + coalesce(p.mobileHash, '') + '\u001f' + coalesce(p.emailHash, '')) AS lines
