// Rows held per source (counted in the graph, so re-loads and streams count once) and
// what the file loads of that source rejected, left anonymous, or dropped as duplicates.
// Columns: source, rows, files, rejected, anonymous, duplicates
CALL () {
  MATCH (i:Identifier {type: 'member_id'}) WHERE i.profileUpdatedAt IS NOT NULL
  RETURN 'crm_members' AS source, count(i) AS rows
  UNION ALL
  MATCH (e:Event) RETURN 'app_events' AS source, count(e) AS rows
  UNION ALL
  MATCH (p:Purchase) WHERE p.key STARTS WITH 'retail:'
  RETURN 'retail_transactions' AS source, sum(size(p.lineKeys)) AS rows
  UNION ALL
  MATCH (:Identifier {type: 'ext_one_id'})-[r:LINKED]-() RETURN 'id_mapping' AS source, count(r) AS rows
}
OPTIONAL MATCH (l:Load {source: source})
RETURN source, rows, count(l) AS files, coalesce(sum(l.rejected), 0) AS rejected,
       coalesce(sum(l.anonymous), 0) AS anonymous, coalesce(sum(l.duplicates), 0) AS duplicates
ORDER BY source
