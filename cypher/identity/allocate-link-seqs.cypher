// Reserves $n consecutive link write-order numbers. The incremental path runs it in a
// transaction of its own (so the counter is locked only for an instant); a bulk load, the one
// writer, in its batch's. Numbers are never handed out twice.
// Params: $n
// Columns: first
MERGE (c:Counter {name: 'link'})
  ON CREATE SET c.value = 0
SET c.value = c.value + toInteger($n)
RETURN c.value - toInteger($n) + 1 AS first
