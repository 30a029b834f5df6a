// name: embedded/read-dated-sources
// description: The papers with an edge of some types into each of some nodes, with their dates
//   (kg.proposals: who named an entity first), for many nodes in one statement.
// parameters: $ids: list of node ids (never empty)
// read-only: yes
// placeholders: {label}: the nodes' Label; {rels}: RelTypes joined with | (closed enums only)
UNWIND $ids AS i
MATCH (p:Paper)-[:{rels}]->(n:{label} {id: i})
RETURN n.id AS target, p.id AS source, p.published AS published, p.listed AS listed
