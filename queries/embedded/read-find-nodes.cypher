// name: embedded/read-find-nodes
// description: For each value, the smallest id of a node of a label whose property equals it.
// parameters: $values: list of values (never empty)
// read-only: yes
// placeholders: {label}: a Label; {prop}: a column of that table (checked against the engine's
//   own table description, never taken from user input unchecked)
UNWIND $values AS v
MATCH (n:{label})
WHERE n.`{prop}` = v
RETURN v AS value, min(n.id) AS id
