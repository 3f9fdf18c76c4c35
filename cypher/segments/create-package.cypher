// Creates an audience package (frozen members as a portable Roaring bitmap), or replaces it
// when $replace. Returns no row when it exists and $replace is false.
// Params: $pkg {id, name, expression, asOf, count, data}, $replace, $now
// Columns: id, name, expression, asOf, createdAt, count
MERGE (a:AudiencePackage {id: $pkg.id})
  ON CREATE SET a._new = true
WITH a, coalesce(a._new, false) AS created
REMOVE a._new
WITH a, created
WHERE created OR $replace
SET a.name = $pkg.name, a.expression = $pkg.expression, a.asOf = $pkg.asOf, a.count = $pkg.count,
    a.data = $pkg.data, a.createdAt = $now
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count
