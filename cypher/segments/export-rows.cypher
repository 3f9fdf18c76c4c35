// Export rows for audience members, in the order of $pids: each member's active person
// (a retired one gives its survivor) with its hashed mobiles and emails for ad matching.
// Params: $pids
// Columns: pid, oneId, mobiles, emails
UNWIND $pids AS member
MATCH (:Person {pid: member})-[:MERGED_INTO*0..]->(p:Person {status: 'active'})
RETURN p.pid AS pid, p.oneId AS oneId,
       [(p)<-[:BELONGS_TO]-(i:Identifier {type: 'mobile_hash'}) WHERE NOT i.quarantined | i.value] AS mobiles,
       [(p)<-[:BELONGS_TO]-(i:Identifier {type: 'email_hash'}) WHERE NOT i.quarantined | i.value] AS emails
