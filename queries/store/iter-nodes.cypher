// name: store/iter-nodes
// description: Every node of a label, ordered by id (streamed).
// parameters: none
// read-only: yes
// placeholders: {label}: the label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{label})
WITH n
ORDER BY n.id
RETURN n.id AS id, properties(n) AS props
