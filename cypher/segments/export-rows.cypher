// Export rows for audience members, as parallel lists (one record: decoding one record of
// lists is far cheaper than thousands of records): each member's active person (a retired
// one gives its survivor) with its first hashed mobile and email ('' when none).
// Params: $pids
// Columns: pids, oneIds, mobiles, emails
UNWIND $pids AS member
MATCH (:Person {pid: member})-[:MERGED_INTO*0..]->(p:Person {status: 'active'})
WITH p,
     head([(p)<-[:BELONGS_TO]-(i:Identifier {type: 'mobile_hash'}) WHERE NOT i.quarantined | i.value]) AS mobile,
     head([(p)<-[:BELONGS_TO]-(i:Identifier {type: 'email_hash'}) WHERE NOT i.quarantined | i.value]) AS email
RETURN collect(p.pid) AS pids, collect(p.oneId) AS oneIds,
       collect(coalesce(mobile, '')) AS mobiles, collect(coalesce(email, '')) AS emails
