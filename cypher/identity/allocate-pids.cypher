// Reserves $n consecutive person ids. Ids are never handed out twice.
// Params: $n
// Columns: first
MERGE (c:Counter {name: 'person'})
  ON CREATE SET c.value = 0
SET c.value = c.value + toInteger($n)
RETURN c.value - toInteger($n) + 1 AS first
