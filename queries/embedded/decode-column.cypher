// name: embedded/decode-column
// description: Restore the escaped characters (line breaks, the loader's control characters, empty strings) of one string property of a table.
// parameters: none
// read-only: no
// placeholders: {pattern}: "(n:Label)" or "()-[n:TYPE]->()" for a kg.model Label/RelType;
//   {column}: a checked property name; {escape}: the escape character; {decoded}: the decoding
//   expression (nested replace() calls of constant strings), all from kg.store.engine_build.
MATCH {pattern} WHERE n.`{column}` CONTAINS '{escape}'
SET n.`{column}` = {decoded}
