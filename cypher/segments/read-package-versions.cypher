// A package's latest version and version $since (null when it does not exist or was pruned,
// or $since is 0), with the oldest version kept. No row for an unknown package.
// Params: $id, $since
// Columns: latest, since, oldest
MATCH (a:AudiencePackage {id: $id})
OPTIONAL MATCH (l:PackageVersion {packageId: $id, version: coalesce(a.version, 1)})
OPTIONAL MATCH (s:PackageVersion {packageId: $id, version: $since})
CALL (a) {
  MATCH (v:PackageVersion {packageId: a.id})
  RETURN min(v.version) AS oldest
}
RETURN l {.version, .sequence, .asOf, .at, .count, .data, .adsData, .adsCount, .emailData, .emailCount} AS latest,
       s {.version, .sequence, .asOf, .at, .count, .data, .adsData, .adsCount, .emailData, .emailCount} AS since,
       oldest
