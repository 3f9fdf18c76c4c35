// Records consent statements on identifiers: per row one purpose's statement (granted or
// withdrawn, its time, its source) in consentAds / consentAdsAt / consentAdsSource (or the
// Email ones). A statement older than the stored one of its purpose changes nothing; one of
// the same time replaces it only with $replaceTies and when it says something else. The
// caller gives at most one row per identifier and purpose; unknown identifiers are skipped.
// Params: $statements [{key, purpose ('ads' | 'email'), granted, at, source}], $replaceTies
// Columns: pids (the persons of the identifiers whose statements changed)
UNWIND $statements AS s
MATCH (i:Identifier {key: s.key})
WITH i, s,
     CASE s.purpose WHEN 'ads' THEN i.consentAdsAt WHEN 'email' THEN i.consentEmailAt END AS storedAt,
     CASE s.purpose WHEN 'ads' THEN i.consentAds WHEN 'email' THEN i.consentEmail END AS stored,
     CASE s.purpose WHEN 'ads' THEN i.consentAdsSource WHEN 'email' THEN i.consentEmailSource END AS storedSource
WHERE s.purpose IN ['ads', 'email']
  AND (storedAt IS NULL OR s.at > storedAt
       OR ($replaceTies AND s.at = storedAt AND (s.granted <> stored OR s.source <> coalesce(storedSource, ''))))
FOREACH (_ IN CASE WHEN s.purpose = 'ads' THEN [1] ELSE [] END |
  SET i.consentAds = s.granted, i.consentAdsAt = s.at, i.consentAdsSource = s.source)
FOREACH (_ IN CASE WHEN s.purpose = 'email' THEN [1] ELSE [] END |
  SET i.consentEmail = s.granted, i.consentEmailAt = s.at, i.consentEmailSource = s.source)
WITH DISTINCT i
OPTIONAL MATCH (i)-[:BELONGS_TO]->(p:Person)
RETURN [pid IN collect(DISTINCT p.pid) WHERE pid IS NOT NULL] AS pids
