// Benchmarks only: persons $from..$to, each with a hashed mobile and email and a one-day
// purchase summary (day, cents and channel derived from the pid), written directly.
// Params: $from, $to
// Columns: created
UNWIND range(toInteger($from), toInteger($to)) AS pid
WITH pid, toString(date('2024-01-01') + duration({days: pid % 900})) AS day,
     ['app', 'miniapp', 'online_retail'][pid % 3] AS channel
CREATE (p:Person {pid: pid, oneId: 'OID' + right('0000000000' + toString(pid), 10), status: 'active',
                  createdAt: '2026-01-01T00:00:00', purchaseDays: [day], dayCents: [(pid % 1000) * 100],
                  dayBought: [true], channels: [channel], channelFirstDays: [day],
                  mobileHash: 'm' + toString(pid), emailHash: 'e' + toString(pid)})
CREATE (:Identifier {key: 'mobile_hash:m' + toString(pid), type: 'mobile_hash', value: 'm' + toString(pid),
                     firstSeen: day, lastSeen: day, quarantined: false})-[:BELONGS_TO]->(p)
CREATE (:Identifier {key: 'email_hash:e' + toString(pid), type: 'email_hash', value: 'e' + toString(pid),
                     firstSeen: day, lastSeen: day, quarantined: false})-[:BELONGS_TO]->(p)
RETURN count(*) AS created
