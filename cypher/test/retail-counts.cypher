// Test support: what the retail loads put in the graph.
// Columns: purchases, lines, customers, persons
CALL () { MATCH (p:Purchase) WHERE p.key STARTS WITH 'retail:' RETURN count(p) AS purchases, coalesce(sum(size(p.lineKeys)), 0) AS lines }
CALL () { MATCH (i:Identifier {type: 'customer_id'}) RETURN count(i) AS customers }
CALL () { MATCH (p:Person {status: 'active'}) RETURN count(p) AS persons }
RETURN purchases, lines, customers, persons
