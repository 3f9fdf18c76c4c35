// Test support: one retail purchase as stored, with the identifier it hangs on.
// Params: $key
// Columns: lineKeys, lineCents, cents, lineCount, time, day, by
MATCH (p:Purchase {key: $key})
OPTIONAL MATCH (p)-[:BY]->(i:Identifier)
RETURN p.lineKeys AS lineKeys, p.lineCents AS lineCents, p.cents AS cents, p.lineCount AS lineCount,
       p.time AS time, p.day AS day, i.key AS by
