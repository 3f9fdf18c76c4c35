// Benchmarks only: persons $from..$to consent to ads unless pid % 10 is in $without (the
// summary property refresh-persons would derive from their identifiers), written directly.
// Params: $from, $to, $without
// Columns: updated
UNWIND range(toInteger($from), toInteger($to)) AS pid
MATCH (p:Person {pid: pid})
SET p.consents = CASE WHEN pid % 10 IN $without THEN [] ELSE ['ads'] END
RETURN count(*) AS updated
