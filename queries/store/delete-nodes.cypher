// name: store/delete-nodes
// description: Clearing, one bounded batch: delete up to $limit nodes of a label (and any edges left on them); returns how many.
// parameters: $limit: integer
// read-only: no
// placeholders: {label}: the label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{label})
WITH n
LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
