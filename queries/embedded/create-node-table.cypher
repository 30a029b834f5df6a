// name: embedded/create-node-table
// description: One node table of the embedded Cypher engine (ladybug): a label with its typed properties.
// parameters: none (DDL takes no parameters)
// read-only: no
// placeholders: {table}: a kg.model.Label; {columns}: ", `name` TYPE" for each property column
//   (names checked against [A-Za-z][A-Za-z0-9_]*, types from kg.store.engine_schema), both
//   filled by kg.store.engine_build from the schema and the graph's property names, never from
//   user input.
CREATE NODE TABLE {table}(id STRING PRIMARY KEY{columns})
