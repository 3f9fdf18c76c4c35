// Audience packages with their frozen members, by id; an id with no package gives no row.
// Params: $ids
// Columns: id, name, expression, asOf, createdAt, count, data
UNWIND $ids AS id
MATCH (a:AudiencePackage {id: id})
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count, a.data AS data
