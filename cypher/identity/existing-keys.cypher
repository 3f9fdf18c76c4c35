// Which of these identifiers exist already.
// Params: $keys
// Columns: key
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
RETURN i.key AS key
