// Identity graph figures for stewards.
// Columns: persons, retired, identifiers, links, conflicts, quarantined, clusterSizes
CALL () { MATCH (p:Person {status: 'active'}) RETURN count(p) AS persons }
CALL () { MATCH (p:Person) WHERE p.status <> 'active' RETURN count(p) AS retired }
CALL () { MATCH (i:Identifier) RETURN count(i) AS identifiers }
CALL () { MATCH ()-[r:LINKED]->() RETURN count(r) AS links }
CALL () { MATCH ()-[r:LINKED]->() WHERE r.conflict IS NOT NULL AND r.active RETURN count(r) AS conflicts }
CALL () { MATCH (i:Identifier {quarantined: true}) RETURN count(i) AS quarantined }
CALL () {
  MATCH (p:Person {status: 'active'})
  WITH COUNT { (p)<-[:BELONGS_TO]-() } AS size
  WITH size, count(*) AS persons ORDER BY size
  RETURN collect({size: size, persons: persons}) AS clusterSizes
}
RETURN persons, retired, identifiers, links, conflicts, quarantined, clusterSizes
