// name: embedded/copy-table
// description: Bulk-load one table from a delimited file written by kg.store.engine_build.
// parameters: none (COPY takes no parameters)
// read-only: no
// placeholders: {table}: a Label or RelType (the file has every column, in table order);
//   {file}: the file's path (a temporary file whose path is checked to hold no
//   quote or backslash); {delim}, {quote}: control characters the writer escapes in every value,
//   so no value needs quoting (quoted fields are several times slower to parse).
COPY {table} FROM '{file}' (HEADER=false, DELIM='{delim}', QUOTE='{quote}', ESCAPE='{quote}')
