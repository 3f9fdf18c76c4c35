// Compare-and-set: stores the next version of a live package only when its latest version is
// still $expected and its feed sequence is not newer than $v.sequence (another replica that
// wrote in between, or one further ahead, wins; nothing is written). The package is locked
// before it is compared. Returns no row when nothing was written.
// Params: $id, $expected, $v {sequence, asOf, count, data, adsData, adsCount, emailData,
//         emailCount}, $now
// Columns: version
MATCH (a:AudiencePackage {id: $id})
WHERE a.live = true
// written first, so the package is locked before it is compared
SET a.checkedAt = $now
WITH a
WHERE coalesce(a.version, 0) = $expected AND coalesce(a.sequence, 0) <= $v.sequence
SET a.version = $expected + 1, a.sequence = $v.sequence, a.asOf = $v.asOf, a.count = $v.count,
    a.data = $v.data
CREATE (:PackageVersion {packageId: a.id, version: $expected + 1, at: $now, sequence: $v.sequence,
        asOf: $v.asOf, count: $v.count, data: $v.data,
        adsData: $v.adsData, adsCount: $v.adsCount,
        emailData: $v.emailData, emailCount: $v.emailCount})
RETURN a.version AS version
