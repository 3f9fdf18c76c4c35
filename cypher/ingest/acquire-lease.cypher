// Takes the named lease for $holder when it is free (never held, released, or expired on the
// database's clock), or extends it when $holder holds it already. A new holding gets the next
// token (the fencing token of every write it makes); an extension keeps the token.
// The first SET locks the node, so two replicas racing for a free lease serialize and the
// second reads the first one's holding.
// Params: $name, $holder, $ttlMs
// Columns: holder, token, expiresAt, acquired (true when $holder holds it now), now
MERGE (l:Lease {name: $name})
  ON CREATE SET l.token = 0, l.expiresAt = 0
SET l.checkedAt = timestamp()
WITH l, timestamp() AS now, coalesce(l.holder = $holder, false) AS mine
WITH l, now, mine, l.holder IS NULL OR l.expiresAt <= now AS free
WITH l, now, mine OR free AS take, free AND NOT mine AS fresh
SET l.holder = CASE WHEN take THEN $holder ELSE l.holder END,
    l.expiresAt = CASE WHEN take THEN now + $ttlMs ELSE l.expiresAt END,
    l.token = CASE WHEN fresh THEN l.token + 1 ELSE l.token END,
    l.acquiredAt = CASE WHEN fresh THEN now ELSE l.acquiredAt END
RETURN l.holder AS holder, l.token AS token, l.expiresAt AS expiresAt, take AS acquired, now
