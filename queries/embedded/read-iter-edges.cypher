// name: embedded/read-iter-edges
// description: Every edge of a type, ordered by (source, target).
// parameters: none
// read-only: yes
// placeholders: {rel}: a RelType; {src}, {dst}: its end labels (kg.model.SCHEMA)
MATCH (a:{src})-[r:{rel}]->(b:{dst})
RETURN a.id AS source, b.id AS target, r
ORDER BY source, target
