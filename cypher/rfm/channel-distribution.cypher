// Per purchase channel: persons who bought there, non-cancelled lines, net revenue (cents).
// Purchases without a person (anonymous retail lines) are left out.
// Columns: channel, uniqueUsers, purchaseCount, totalCents
MATCH (pu:Purchase)-[:BY]->(:Identifier)-[:BELONGS_TO]->(p:Person)
WITH pu.channel AS channel, p, pu
RETURN channel,
       count(DISTINCT CASE WHEN NOT pu.cancelled THEN p END) AS uniqueUsers,
       sum(CASE WHEN pu.cancelled THEN 0 ELSE pu.lineCount END) AS purchaseCount,
       sum(pu.cents) AS totalCents
ORDER BY totalCents DESC, channel
