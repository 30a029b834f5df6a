// name: embedded/read-count-edges
// description: How many edges a relationship type has.
// parameters: none
// read-only: yes
// placeholders: {rel}: a RelType; {src}, {dst}: its end labels
MATCH (:{src})-[r:{rel}]->(:{dst})
RETURN count(*) AS count
