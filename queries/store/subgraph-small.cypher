// name: store/subgraph-small
// description: Nodes (by element id) with their labels and properties, each with its outgoing edges to the others; for small sets: every pair is checked with Expand(Into), which walks the smaller side, so a hub in the set costs no more than its neighbours.
// parameters: $eids: list of element ids (from the same transaction; at most a few dozen)
// read-only: yes
UNWIND $eids AS eid
MATCH (n)
WHERE elementId(n) = eid
WITH collect(n) AS nodes
UNWIND nodes AS a
UNWIND nodes AS b
OPTIONAL MATCH (a)-[r]->(b)
WITH a, collect(CASE WHEN r IS NULL THEN null ELSE {type: type(r), target: b.id, props: properties(r)} END) AS edges
RETURN a.id AS id, labels(a) AS labels, properties(a) AS props, edges
