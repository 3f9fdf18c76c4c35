// Export rows for audience members, as parallel lists (one record: decoding one record of
// lists is far cheaper than thousands of records): each member's active person (a retired
// one gives its survivor) with the hashed mobile and email kept on it ('' when none).
// Params: $pids
// Columns: pids, oneIds, mobiles, emails
UNWIND $pids AS member
MATCH (:Person {pid: member})-[:MERGED_INTO*0..]->(p:Person {status: 'active'})
RETURN collect(p.pid) AS pids, collect(p.oneId) AS oneIds,
       collect(coalesce(p.mobileHash, '')) AS mobiles, collect(coalesce(p.emailHash, '')) AS emails
