// name: embedded/read-neighbours
// description: The ids and labels of the nodes joined to some nodes of a label, either direction.
// parameters: $ids: list of strings (never empty)
// read-only: yes
// placeholders: {label}: a Label
UNWIND $ids AS i
MATCH (n:{label} {id: i})-[]-(m)
RETURN DISTINCT m.id AS id, label(m) AS label
