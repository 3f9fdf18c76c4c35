// Gives links created in this transaction their write order: $first plus their provisional
// offset past $pendingSeq (see upsert-links), so their order within the batch is kept.
// Params: $links [{a, b}], $first, $pendingSeq
// Columns: assigned
UNWIND $links AS row
MATCH (:Identifier {key: row.a})-[r:LINKED]-(:Identifier {key: row.b})
WHERE r.seq >= $pendingSeq
SET r.seq = $first + (r.seq - $pendingSeq)
RETURN count(r) AS assigned
