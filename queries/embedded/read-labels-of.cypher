// name: embedded/read-labels-of
// description: Which of some ids are nodes of a label (kg.store.incremental asks each label: which ids exist, and as what).
// parameters: $ids: list of strings (never empty)
// read-only: yes
// placeholders: {label}: a Label
UNWIND $ids AS i
MATCH (n:{label} {id: i})
RETURN n.id AS id
