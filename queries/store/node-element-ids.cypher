// name: store/node-element-ids
// description: The element ids of the nodes with an id, whatever their label, and of their neighbours (the first step of a neighbourhood walk).
// parameters: $id: the node id
// read-only: yes
// placeholders: {labels}: every node label joined with | (a label disjunction: one unique-index seek per label)
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{labels})
WHERE n.id = $id
OPTIONAL MATCH (n)--(m)
RETURN elementId(n) AS eid, collect(DISTINCT elementId(m)) AS neighbours
