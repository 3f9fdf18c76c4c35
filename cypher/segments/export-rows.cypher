// Export rows for audience members, one record for the whole chunk (decoding one record of
// lists is far cheaper than thousands of records). For each member, in order: its active person
// (a retired one gives its survivor) as one string "oneId<US>mobileHash<US>emailHash" (US is
// the unit separator U+001F; '' fields when none), or '' when the member no longer exists.
// Members whose person is now another one are listed apart in `moved`, as [member, survivor]:
// most members are their own person, and leaving their pids out halves the decoding.
// Params: $pids
// Columns: lines, moved
UNWIND $pids AS member
OPTIONAL MATCH (:Person {pid: member})-[:MERGED_INTO*0..]->(p:Person {status: 'active'})
RETURN collect(coalesce(p.oneId + '\u001f' + coalesce(p.mobileHash, '') + '\u001f' + coalesce(p.emailHash, ''), '')) AS lines,
       collect(CASE WHEN p.pid <> member THEN [member, p.pid] END) AS moved
