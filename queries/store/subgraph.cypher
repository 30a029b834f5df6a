// name: store/subgraph
// description: Nodes (by element id) with their labels and properties, each with its outgoing edges to the others.
// parameters: $eids: list of element ids (from the same transaction)
// read-only: yes
UNWIND $eids AS eid
MATCH (n)
WHERE elementId(n) = eid
OPTIONAL MATCH (n)-[r]->(m)
WHERE elementId(m) IN $eids
WITH n, collect(CASE WHEN r IS NULL THEN null ELSE {type: type(r), target: m.id, props: properties(r)} END) AS edges
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, edges
