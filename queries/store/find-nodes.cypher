// name: store/find-nodes
// description: For each value, the smallest id of a node of a label whose property equals it.
// parameters: $prop: property name, $values: list of values
// read-only: yes
// placeholders: {label}: the label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{label})
WHERE n[$prop] IN $values
RETURN n[$prop] AS value, min(n.id) AS id
