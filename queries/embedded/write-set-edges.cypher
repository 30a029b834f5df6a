// name: embedded/write-set-edges
// description: Set properties of existing relationships of a type, keeping those a row does not give (kg.store.engine_update).
// parameters: $rows: maps with the same keys, each with `source` and `target` ids (never empty); a null is a property not given
// read-only: no
// placeholders: {rel}: a RelType; {src}, {dst}: its end labels from the schema; {set}: `SET
//   n.`p` = coalesce(row.`p`, n.`p`), …` over checked property names (kg.store.engine_update).
UNWIND $rows AS row
MATCH (a:{src} {id: row.source})-[n:{rel}]->(b:{dst} {id: row.target})
{set}
