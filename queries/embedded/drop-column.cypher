// name: embedded/drop-column
// description: Drop a helper column once its list property is filled.
// parameters: none
// read-only: no
// placeholders: {table}: a Label or RelType; {column}: the helper column's checked name.
ALTER TABLE {table} DROP `{column}`
