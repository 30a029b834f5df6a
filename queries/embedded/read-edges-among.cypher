// name: embedded/read-edges-among
// description: The edges out of some nodes of a label into a set of nodes.
// parameters: $ids: the sources (never empty); $within: the allowed targets (never empty)
// read-only: yes
// placeholders: {label}: a Label
MATCH (n:{label})-[r]->(m)
WHERE n.id IN $ids AND m.id IN $within
RETURN label(r) AS type, n.id AS source, m.id AS target, r
