// Benchmarks only: persons $from..$to of cypher/bench/create-synthetic-persons get the types of
// their identifiers, and three in five a member_id with a CRM profile (level, gender, register
// channel and date, points, birthday, derived from the pid) that the person's memberKey names,
// as rfm/refresh-persons would leave them. Written directly.
// Params: $from, $to, $now
// Columns: members
UNWIND range(toInteger($from), toInteger($to)) AS pid
MATCH (p:Person {pid: pid})
WITH p, pid, pid % 5 < 3 AS member
SET p.identifierTypes = CASE WHEN member THEN ['mobile_hash', 'email_hash', 'member_id']
                             ELSE ['mobile_hash', 'email_hash'] END
WITH p, pid, member WHERE member
WITH p, pid, 'M' + toString(pid) AS value,
     toString(date('2018-01-01') + duration({days: (pid * 7) % 2900})) AS registerDate
CREATE (m:Identifier {key: 'member_id:' + value, type: 'member_id', value: value,
                      firstSeen: registerDate, lastSeen: registerDate, quarantined: false,
                      level: ['gold', 'silver', 'bronze', 'platinum'][pid % 4],
                      gender: ['F', 'M', 'U'][pid % 3],
                      registerChannel: ['store', 'app', 'miniapp', 'web'][(pid / 7) % 4],
                      totalPoints: (pid * 37) % 10000, registerDate: registerDate,
                      birthday: toString(date('1960-01-01') + duration({days: (pid * 13) % 15000})),
                      profileUpdatedAt: $now})-[:BELONGS_TO]->(p)
SET p.memberKey = m.key
RETURN count(*) AS members
