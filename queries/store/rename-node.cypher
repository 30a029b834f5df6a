// name: store/rename-node
// description: Give a node a new id, keeping its properties and edges (the uniqueness constraint refuses a taken id).
// parameters: $old: string, $new: string
// read-only: no
// placeholders: {label}: the node's label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{label} {id: $old})
SET n.id = $new
RETURN count(n) AS renamed
