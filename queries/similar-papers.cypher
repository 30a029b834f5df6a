// name: similar-papers
// title: Papers most like a paper
// description: Papers ranked by the overlap (Jaccard index) of their sets of methods, datasets,
//   model families and tasks with a paper's, then by how many they share, then by id; with the
//   shared entities' names. A paper's families are those of the models it mentions. (The
//   family paths are matched in clauses of their own: a family shared through the same model
//   walks its IN_FAMILY edge twice, which Neo4j forbids within one pattern.)
// parameters:
//   $paper: paper -- the paper: its id, arXiv id (any version, or its URL) or exact title
//   $limit: integer = 10 -- at most this many papers
// read-only: yes
// example: kg query run similar-papers -p paper="MiniPLM: Knowledge Distillation for Pre-Training Language Models"
MATCH (a:Paper {id: $paper})
OPTIONAL MATCH (a)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES]->(d)
WITH a, count(DISTINCT d) AS direct
OPTIONAL MATCH (a)-[:MENTIONS]->(:Model)-[:IN_FAMILY]->(f:ModelFamily)
WITH a, direct, count(DISTINCT f) AS families
WITH a, direct + families AS mine
OPTIONAL MATCH (a)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES]->(d)<-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES]-(b:Paper)
WITH a, mine, collect(DISTINCT {other: b.id, id: d.id, name: d.name}) AS direct
OPTIONAL MATCH (a)-[:MENTIONS]->(:Model)-[:IN_FAMILY]->(f:ModelFamily)
OPTIONAL MATCH (f)<-[:IN_FAMILY]-(:Model)<-[:MENTIONS]-(b:Paper)
WITH a, mine, direct, collect(DISTINCT {other: b.id, id: f.id, name: f.name}) AS families
UNWIND direct + families AS pair
WITH a, mine, pair.other AS other, count(DISTINCT pair.id) AS shared, collect(DISTINCT pair.name) AS names
WHERE other IS NOT NULL AND other <> a.id
MATCH (b:Paper {id: other})
OPTIONAL MATCH (b)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS]->(x)
OPTIONAL MATCH (x)-[:IN_FAMILY]->(g:ModelFamily)
WITH b, shared, names, mine,
     count(DISTINCT CASE WHEN x.id STARTS WITH 'model:' THEN g.id ELSE x.id END) AS theirs
WITH b, shared, names, round(1.0 * shared / (mine + theirs - shared), 4) AS jaccard
ORDER BY jaccard DESC, shared DESC, b.id
LIMIT $limit
// dialect: neo4j
UNWIND names AS name
WITH b, jaccard, shared, name
ORDER BY name
WITH b, jaccard, shared, collect(name) AS entities
// dialect: embedded
WITH b, jaccard, shared, list_sort(names) AS entities
// dialect: end
RETURN b.id AS paper, b.title AS title, jaccard, shared, entities
ORDER BY jaccard DESC, shared DESC, paper
