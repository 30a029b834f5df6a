// name: store/upsert-nodes
// description: Batched node upsert: create or update nodes by id; properties given overwrite, others stay.
// parameters: $rows: list of {id: string, props: map of scalars or homogeneous lists, nulls already removed}
// read-only: no
// placeholders: {label}: the nodes' label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
UNWIND $rows AS row
MERGE (n:{label} {id: row.id})
SET n += row.props
