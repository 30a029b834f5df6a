// name: embedded/read-edges-in
// description: Every edge into one node (its label known from its id).
// parameters: $id: the node id
// read-only: yes
// placeholders: {label}: a Label
MATCH (n:{label} {id: $id})<-[r]-(m)
RETURN label(r) AS type, m.id AS source, n.id AS target, r
