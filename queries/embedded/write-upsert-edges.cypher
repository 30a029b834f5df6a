// name: embedded/write-upsert-edges
// description: Create or update relationships of a type between existing nodes, setting the properties each row gives (kg.store.engine_update).
// parameters: $rows: maps with the same keys and value types, each with `source` and `target` ids (never empty)
// read-only: no
// placeholders: {rel}: a RelType; {src}, {dst}: its end labels from the schema; {set}: `SET
//   n.`p` = row.`p`, …` over checked property names, or nothing (kg.store.engine_update).
UNWIND $rows AS row
MATCH (a:{src} {id: row.source}), (b:{dst} {id: row.target})
MERGE (a)-[n:{rel}]->(b)
{set}
