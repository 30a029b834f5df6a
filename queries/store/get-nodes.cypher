// name: store/get-nodes
// description: The nodes of a label among some ids.
// parameters: $ids: list of strings
// read-only: yes
// placeholders: {label}: the label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
UNWIND $ids AS id
MATCH (n:{label} {id: id})
RETURN n.id AS id, properties(n) AS props
