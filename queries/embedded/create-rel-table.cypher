// name: embedded/create-rel-table
// description: One relationship table of the embedded Cypher engine: a type between its two labels.
// parameters: none (DDL takes no parameters)
// read-only: no
// placeholders: {table}: a kg.model.RelType; {src}, {dst}: its end labels (kg.model.SCHEMA);
//   {columns}: ", `name` TYPE" for each property column (see create-node-table).
CREATE REL TABLE {table}(FROM {src} TO {dst}{columns})
