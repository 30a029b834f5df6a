// name: embedded/write-upsert-nodes
// description: Create or update nodes of a label by id, setting the properties each row gives (kg.store.engine_update: a commit's changes applied to a copy of the engine).
// parameters: $rows: maps with the same keys and value types, each with an `id` (never empty)
// read-only: no
// placeholders: {label}: a Label; {set}: `SET n.`p` = row.`p`, …` over checked property names,
//   or nothing (all filled by kg.store.engine_update, never from user input).
UNWIND $rows AS row
MERGE (n:{label} {id: row.id})
{set}
