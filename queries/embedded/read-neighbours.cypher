// name: embedded/read-neighbours
// description: The ids and labels of the nodes joined to some nodes of a label, either direction.
// parameters: $ids: list of strings (never empty)
// read-only: yes
// placeholders: {label}: a Label
MATCH (n:{label})-[]-(m)
WHERE n.id IN $ids
RETURN DISTINCT m.id AS id, label(m) AS label
