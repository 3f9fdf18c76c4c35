// Benchmarks only: persons $from..$to, each with a hashed mobile and email (64 characters, as
// long as a real SHA-256 hex) and a one-day purchase summary (day, cents and channel derived
// from the pid), written directly, with the segment facts rfm/refresh-persons keeps.
// Params: $from, $to
// Columns: created
UNWIND range(toInteger($from), toInteger($to)) AS pid
WITH pid, toString(date('2024-01-01') + duration({days: pid % 900})) AS day,
     ['app', 'miniapp', 'online_retail'][pid % 3] AS channel,
     '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' AS pad
WITH pid, day, channel, left('a' + toString(pid) + pad, 64) AS mobile, left('b' + toString(pid) + pad, 64) AS email
CREATE (p:Person {pid: pid, oneId: 'OID' + right('0000000000' + toString(pid), 10), status: 'active',
                  createdAt: '2026-01-01T00:00:00', purchaseDays: [day], dayCents: [(pid % 1000) * 100],
                  dayBought: [true], channels: [channel], channelFirstDays: [day],
                  identifierTypes: ['mobile_hash', 'email_hash'], consents: [], segmentLists: [],
                  mobileHash: mobile, emailHash: email})
CREATE (:Identifier {key: 'mobile_hash:' + mobile, type: 'mobile_hash', value: mobile,
                     firstSeen: day, lastSeen: day, quarantined: false})-[:BELONGS_TO]->(p)
CREATE (:Identifier {key: 'email_hash:' + email, type: 'email_hash', value: email,
                     firstSeen: day, lastSeen: day, quarantined: false})-[:BELONGS_TO]->(p)
RETURN count(*) AS created
