// One audience package with its frozen members.
// Params: $id
// Columns: id, name, expression, asOf, createdAt, count, data
MATCH (a:AudiencePackage {id: $id})
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count, a.data AS data
