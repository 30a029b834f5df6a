// name: embedded/write-create-nodes
// description: Create nodes of a label that do not exist yet (kg.store.engine_update: a commit's new nodes added to a copy of the engine).
// parameters: $rows: maps with the same keys, each with an `id` (never empty); a null is a property not given
// read-only: no
// placeholders: {label}: a Label; {set}: `SET n.`p` = row.`p`, …` over checked property names,
//   or nothing (filled by kg.store.engine_update, never from user input).
UNWIND $rows AS row
CREATE (n:{label} {id: row.id})
{set}
