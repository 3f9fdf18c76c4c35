// Extends the named lease by $ttlMs for its holder, as long as nobody took it over since
// $token was issued (an expired lease that nobody took is still the holder's to renew).
// No row: the lease was taken over or released; the caller holds it no more.
// Params: $name, $holder, $token, $ttlMs
// Columns: expiresAt
MATCH (l:Lease {name: $name})
SET l.checkedAt = timestamp()
WITH l
WHERE l.holder = $holder AND l.token = $token
SET l.expiresAt = timestamp() + $ttlMs
RETURN l.expiresAt AS expiresAt
