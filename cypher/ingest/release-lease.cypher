// Frees the named lease at once (clean shutdown), if $holder still holds it with $token;
// another replica may take it at its next try instead of waiting for the expiry.
// Params: $name, $holder, $token
// Columns: released
MATCH (l:Lease {name: $name})
WHERE l.holder = $holder AND l.token = $token
SET l.holder = null, l.expiresAt = 0, l.releasedAt = timestamp()
RETURN true AS released
