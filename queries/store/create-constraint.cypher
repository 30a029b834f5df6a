// name: store/create-constraint
// description: Schema set-up: ids are unique within a label, so MERGE on id is indexed and duplicates are impossible.
// parameters: none
// read-only: no (schema)
// placeholders: {label}: a node label
//   Labels and relationship types cannot be Cypher parameters, so this one template serves every
//   label/type: kg.store.cypher fills each placeholder only from the closed kg.model.Label /
//   kg.model.RelType enums (never from user input); every value travels as a parameter.
CREATE CONSTRAINT IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE
