// name: embedded/read-edges-out
// description: Every edge out of one node (its label known from its id).
// parameters: $id: the node id
// read-only: yes
// placeholders: {label}: a Label
MATCH (n:{label} {id: $id})-[r]->(m)
RETURN label(r) AS type, n.id AS source, m.id AS target, r
