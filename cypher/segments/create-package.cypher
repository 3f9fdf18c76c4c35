// Creates an audience package (members as a portable Roaring bitmap) with its first version,
// or replaces it when $replace (the next version; version numbers go on, and the feed sequence
// never goes back). Returns no row when it exists and $replace is false.
// Params: $pkg {id, name, expression, asOf, count, data, live, refreshEveryMinutes},
//         $version {sequence, adsData, adsCount, emailData, emailCount}, $replace, $now
// Columns: id, name, expression, asOf, createdAt, count, live, refreshEveryMinutes, version
MERGE (a:AudiencePackage {id: $pkg.id})
  ON CREATE SET a._new = true
WITH a, coalesce(a._new, false) AS created
REMOVE a._new
WITH a, created
WHERE created OR $replace
SET a.name = $pkg.name, a.expression = $pkg.expression, a.asOf = $pkg.asOf, a.count = $pkg.count,
    a.data = $pkg.data, a.createdAt = $now, a.live = $pkg.live,
    a.refreshEveryMinutes = $pkg.refreshEveryMinutes,
    a.version = coalesce(a.version, 0) + 1,
    a.sequence = CASE WHEN coalesce(a.sequence, 0) > $version.sequence THEN a.sequence ELSE $version.sequence END
CREATE (:PackageVersion {packageId: a.id, version: a.version, at: $now, sequence: a.sequence,
        asOf: $pkg.asOf, count: $pkg.count, data: $pkg.data,
        adsData: $version.adsData, adsCount: $version.adsCount,
        emailData: $version.emailData, emailCount: $version.emailCount})
RETURN a.id AS id, a.name AS name, a.expression AS expression, a.asOf AS asOf,
       a.createdAt AS createdAt, a.count AS count, coalesce(a.live, false) AS live,
       a.refreshEveryMinutes AS refreshEveryMinutes, coalesce(a.version, 1) AS version
