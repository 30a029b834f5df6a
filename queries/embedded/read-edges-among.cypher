// name: embedded/read-edges-among
// description: The edges out of some nodes of a label into a set of nodes.
// parameters: $ids: the sources (never empty); $within: the allowed targets (never empty)
// read-only: yes
// placeholders: {label}: a Label
UNWIND $ids AS i
MATCH (n:{label} {id: i})-[r]->(m)
WHERE m.id IN $within
RETURN label(r) AS type, n.id AS source, m.id AS target, r
