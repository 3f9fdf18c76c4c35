// Export rows for the persons whose pids lie in $lo..$hi (an index range scan, far cheaper per
// person than a seek each when a package holds most of the range), ascending, one record for
// the whole range: `pids`, and per pid its "oneId<US>mobileHash<US>emailHash" as in
// export-rows, or '' when that person is retired (merged into another).
// Params: $lo, $hi
// Columns: pids, lines
MATCH (p:Person)
WHERE $lo <= p.pid <= $hi
WITH p ORDER BY p.pid
RETURN collect(p.pid) AS pids,
       collect(CASE p.status WHEN 'active' THEN p.oneId + '\u001f' + coalesce(p.mobileHash, '') + '\u001f' + coalesce(p.emailHash, '') ELSE '' END) AS lines
