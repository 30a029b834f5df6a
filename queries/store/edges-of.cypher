// name: store/edges-of
// description: Every edge into or out of a node, whatever its label.
// parameters: $id: the node id
// read-only: yes
// placeholders: {labels}: every node label joined with | (a label disjunction: one unique-index seek per label)
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{labels})
WHERE n.id = $id
MATCH (n)-[r]-()
RETURN DISTINCT type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, properties(r) AS props
