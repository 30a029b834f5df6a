// name: store/count-edges
// description: How many edges have a type (from the count store).
// parameters: none
// read-only: yes
// placeholders: {rel}: the relationship type
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH ()-[r:{rel}]->()
RETURN count(r) AS count
