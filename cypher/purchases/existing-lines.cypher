// The line keys stored on the retail purchases of a batch that exist already (a re-load, or
// an invoice whose lines came in an earlier batch); keys of new purchases give no row.
// Params: $keys [purchase key]
// Columns: key, lineKeys
UNWIND $keys AS key
MATCH (p:Purchase {key: key})
RETURN key, p.lineKeys AS lineKeys
