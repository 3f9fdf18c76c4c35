// The current summary generation (bumped by every RFM refresh).
// Columns: generation
OPTIONAL MATCH (c:Counter {name: 'summary'})
RETURN coalesce(c.value, 0) AS generation
