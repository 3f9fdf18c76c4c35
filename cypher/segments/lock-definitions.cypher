// Takes the write lock of the segments counter: changes of segment definitions serialize, each
// validated against the definitions as the one before it left them.
// Columns: locked
MERGE (c:Counter {name: 'segments'})
  ON CREATE SET c.value = 0, c.seeded = true
SET c.value = c.value
RETURN true AS locked
