// name: embedded/add-column
// description: Add a property column no row of the table has a value for (left out of the COPY: loading a column of nulls costs more than adding it).
// parameters: none (DDL takes no parameters)
// read-only: no
// placeholders: {table}: a Label or RelType; {column}: a checked property name; {type}: its
//   type from kg.store.engine_schema (all filled by kg.store.engine_build).
ALTER TABLE {table} ADD `{column}` {type}
