// Keeps on each person the hashed mobile and email that ad platforms match on (the most
// recently seen, not quarantined), so that exports read two properties per person.
// Params: $pids
// Columns: refreshed
UNWIND $pids AS pid
MATCH (p:Person {pid: pid})
CALL (p) {
  OPTIONAL MATCH (p)<-[:BELONGS_TO]-(i:Identifier)
  WHERE i.type IN ['mobile_hash', 'email_hash'] AND NOT i.quarantined
  WITH i ORDER BY i.lastSeen DESC
  WITH collect(i) AS contacts
  RETURN head([c IN contacts WHERE c.type = 'mobile_hash' | c.value]) AS mobile,
         head([c IN contacts WHERE c.type = 'email_hash' | c.value]) AS email
}
SET p.mobileHash = mobile, p.emailHash = email
RETURN count(p) AS refreshed
