// name: store/edges-from
// description: The edges of a type out of some source nodes (one chunk of a streamed read of every edge of the type).
// parameters: $ids: list of source node ids
// read-only: yes
// placeholders: {src}, {dst}: the end labels (kg.model.SCHEMA); {rel}: the relationship type
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
UNWIND $ids AS id
MATCH (a:{src} {id: id})-[r:{rel}]->(b:{dst})
RETURN a.id AS source, b.id AS target, properties(r) AS props
