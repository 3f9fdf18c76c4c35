// All audience packages, newest first.
// Columns: id, name, expression, asOf, createdAt, count
MATCH (a:AudiencePackage)
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count
ORDER BY a.createdAt DESC, a.id
