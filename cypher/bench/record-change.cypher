// Benchmarks only: records in the change feed that the persons $pids changed, as
// rfm/refresh-persons does after a write, without recomputing their summaries (the synthetic
// persons have no purchases to recompute them from): a follower reads them again by pid.
// Params: $pids, $now
// Columns: generation
MERGE (c:Counter {name: 'summary'})
  ON CREATE SET c.value = 0
SET c.value = c.value + 1
CREATE (:Change {seq: c.value, pids: $pids, retired: [], at: datetime($now)})
RETURN c.value AS generation
