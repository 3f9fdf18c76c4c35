// A person's whole cluster from any of its identifiers: the person, every identifier and
// every link between them (conflicts and inactive links included), plus merge/split history.
// In Neo4j Browser first run:   :param key => 'member_id:MBR001'
// Params: $key (identifier "type:value")
MATCH (start:Identifier {key: $key})-[:BELONGS_TO]->(p:Person)
MATCH (p)<-[b:BELONGS_TO]-(i:Identifier)
OPTIONAL MATCH (i)-[l:LINKED]-(j:Identifier)
OPTIONAL MATCH (p)-[h:MERGED_INTO|WAS_MERGED_INTO|SPLIT_FROM]-(other:Person)
RETURN p, b, i, l, j, h, other
