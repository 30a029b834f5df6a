// name: embedded/read-edges-between
// description: The relationships of a type among some (source, target) pairs, with their properties (kg.store.incremental).
// parameters: $pairs: maps {source, target} (never empty)
// read-only: yes
// placeholders: {rel}: a RelType; {src}, {dst}: its end labels from the schema
UNWIND $pairs AS pair
MATCH (a:{src} {id: pair.source})-[r:{rel}]->(b:{dst} {id: pair.target})
RETURN a.id AS source, b.id AS target, r
