// name: store/upsert-edges
// description: Batched edge upsert between existing nodes: at most one edge of a type between two nodes; returns how many rows found both ends.
// parameters: $rows: list of {source: string, target: string, props: map, nulls already removed}
// read-only: no
// placeholders: {src}, {dst}: the end labels (kg.model.SCHEMA); {rel}: the relationship type
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
UNWIND $rows AS row
MATCH (a:{src} {id: row.source})
MATCH (b:{dst} {id: row.target})
MERGE (a)-[r:{rel}]->(b)
SET r += row.props
RETURN count(*) AS merged
