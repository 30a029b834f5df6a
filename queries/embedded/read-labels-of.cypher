// name: embedded/read-labels-of
// description: The label of each node among some ids (kg.store.incremental: which ids exist, and as what).
// parameters: $ids: list of strings (never empty)
// read-only: yes
// placeholders: none
MATCH (n)
WHERE n.id IN $ids
RETURN n.id AS id, label(n) AS label
