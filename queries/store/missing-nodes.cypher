// name: store/missing-nodes
// description: The first of some ids with no node of a label (to name the missing end of an edge).
// parameters: $ids: list of strings
// read-only: yes
// placeholders: {label}: the label looked in
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
UNWIND $ids AS id
WITH id
WHERE NOT EXISTS { MATCH (:{label} {id: id}) }
RETURN id
LIMIT 1
