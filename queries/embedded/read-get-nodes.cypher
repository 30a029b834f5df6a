// name: embedded/read-get-nodes
// description: The nodes of a label among some ids (kg.store.engine_store).
// parameters: $ids: list of strings (never empty)
// read-only: yes
// placeholders: {label}: a Label (filled from the closed enum, never from user input)
UNWIND $ids AS i
MATCH (n:{label} {id: i})
RETURN n
