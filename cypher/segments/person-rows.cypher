// Delta rows: for each pid, in order, that person itself (retired or not: a platform removes
// the OneID it was sent) as "oneId<US>mobileHash<US>emailHash" (US is U+001F), or '' when
// there is no such person. One record for the whole chunk.
// Params: $pids
// Columns: lines
UNWIND $pids AS pid
OPTIONAL MATCH (p:Person {pid: pid})
RETURN collect(coalesce(p.oneId + '\u001f' + coalesce(p.mobileHash, '') + '\u001f' + coalesce(p.emailHash, ''), '')) AS lines
