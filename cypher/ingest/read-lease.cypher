// The named lease as it stands, for status output. No row: never taken.
// Params: $name
// Columns: holder (null when released), token, expiresAt, now (the database's clock, epoch ms)
MATCH (l:Lease {name: $name})
RETURN l.holder AS holder, l.token AS token, l.expiresAt AS expiresAt, timestamp() AS now
