// name: store/delete-edges
// description: Clearing, one bounded batch: delete up to $limit edges of a type; returns how many.
// parameters: $limit: integer
// read-only: no
// placeholders: {rel}: the relationship type
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
MATCH ()-[r:{rel}]->()
WITH r
LIMIT $limit
DELETE r
RETURN count(*) AS deleted
