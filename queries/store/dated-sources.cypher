// name: store/dated-sources
// description: The papers with an edge of some types into each of some nodes, with their dates
//   (kg.proposals: who named an entity first), for many nodes in one statement.
// parameters: $ids: list of node ids; $rels: list of relationship type names
// read-only: yes
// placeholders: {label}: the nodes' Label
//   Labels cannot be Cypher parameters, so this one template serves every label: kg.store.cypher
//   fills the placeholder only from the closed kg.model.Label enum (never from user input); every
//   value travels as a parameter.
UNWIND $ids AS i
MATCH (p:Paper)-[r]->(n:{label} {id: i})
WHERE type(r) IN $rels
RETURN n.id AS target, p.id AS source, p.published AS published, p.listed AS listed
