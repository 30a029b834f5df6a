// name: store/node-ids
// description: The id of every node of a label (streamed; the store sorts them).
// parameters: none
// read-only: yes
// placeholders: {label}: the label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH (n:{label})
RETURN n.id AS id
