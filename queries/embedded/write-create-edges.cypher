// name: embedded/write-create-edges
// description: Create relationships of a type that do not exist yet between existing nodes (kg.store.engine_update).
// parameters: $rows: maps with the same keys, each with `source` and `target` ids (never empty); a null is a property not given
// read-only: no
// placeholders: {rel}: a RelType; {src}, {dst}: its end labels from the schema; {set}: `SET
//   n.`p` = row.`p`, …` over checked property names, or nothing (kg.store.engine_update).
UNWIND $rows AS row
MATCH (a:{src} {id: row.source})
MATCH (b:{dst} {id: row.target})
CREATE (a)-[n:{rel}]->(b)
{set}
