// All audience packages, newest first.
// Columns: id, name, expression, asOf, createdAt, count, live, refreshEveryMinutes, version
MATCH (a:AudiencePackage)
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count, coalesce(a.live, false) AS live,
       a.refreshEveryMinutes AS refreshEveryMinutes, coalesce(a.version, 1) AS version
ORDER BY a.createdAt DESC, a.id
