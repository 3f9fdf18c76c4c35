// Deletes package versions stored before $before, except each package's latest version.
// Params: $before, $limit
// Columns: pruned
MATCH (v:PackageVersion)
WHERE v.at < $before
MATCH (a:AudiencePackage {id: v.packageId})
WHERE v.version < coalesce(a.version, 1)
WITH v LIMIT toInteger($limit)
DELETE v
RETURN count(*) AS pruned
