// name: embedded/write-set-nodes
// description: Set properties of existing nodes of a label, keeping those a row does not give (kg.store.engine_update).
// parameters: $rows: maps with the same keys, each with an `id` (never empty); a null is a property not given
// read-only: no
// placeholders: {label}: a Label; {set}: `SET n.`p` = coalesce(row.`p`, n.`p`), …` over checked
//   property names (filled by kg.store.engine_update, never from user input).
UNWIND $rows AS row
MATCH (n:{label} {id: row.id})
{set}
