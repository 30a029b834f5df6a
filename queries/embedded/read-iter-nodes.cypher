// name: embedded/read-iter-nodes
// description: Every node of a label, ordered by id.
// parameters: none
// read-only: yes
// placeholders: {label}: a Label
MATCH (n:{label})
RETURN n
ORDER BY n.id
