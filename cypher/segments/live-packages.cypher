// The live audience packages with the version and feed sequence of their latest version.
// Columns: id, expression, refreshEveryMinutes, version, sequence
MATCH (a:AudiencePackage)
WHERE a.live = true
RETURN a.id AS id, a.expression AS expression, a.refreshEveryMinutes AS refreshEveryMinutes,
       coalesce(a.version, 0) AS version, coalesce(a.sequence, 0) AS sequence
ORDER BY a.id
