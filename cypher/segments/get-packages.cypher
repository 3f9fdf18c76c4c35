// Audience packages with their latest members, by id; an id with no package gives no row.
// Params: $ids
// Columns: id, name, expression, asOf, createdAt, count, live, refreshEveryMinutes, version, data
UNWIND $ids AS id
MATCH (a:AudiencePackage {id: id})
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count, coalesce(a.live, false) AS live,
       a.refreshEveryMinutes AS refreshEveryMinutes, coalesce(a.version, 1) AS version,
       a.data AS data
