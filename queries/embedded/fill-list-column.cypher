// name: embedded/fill-list-column
// description: Set a list property from its helper column (items joined by a separator, each escaped); the helper is dropped next.
// parameters: none (the lambda of list_transform cannot take parameters in ladybug 0.22)
// read-only: no
// placeholders: {pattern}: "(n:Label)" or "()-[n:TYPE]->()"; {column}, {helper}: checked
//   property names; {separator}: the list separator character; {item}: the expression turning
//   `value` (one item) into the element (decoding, then a CAST for non-string lists), from
//   kg.store.engine_build.
MATCH {pattern} WHERE n.`{helper}` IS NOT NULL
SET n.`{column}` = list_transform(string_split(n.`{helper}`, '{separator}'), value -> {item})
