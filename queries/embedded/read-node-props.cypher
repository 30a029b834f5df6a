// name: embedded/read-node-props
// description: Every node of a label with some of its properties, ordered by id.
// parameters: none
// read-only: yes
// placeholders: {label}: a Label; {columns}: `n.id AS id, n.`p` AS `p`, …` for properties checked
//   against the engine's own table description (never user input unchecked)
MATCH (n:{label})
RETURN {columns}
ORDER BY n.id
