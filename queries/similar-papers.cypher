// name: similar-papers
// title: Papers most like a paper
// description: Papers ranked by the overlap (Jaccard index) of their sets of methods, datasets,
//   model families and tasks with a paper's, then by how many they share, then by id; with the
//   shared entities' names. (Two MATCH clauses, not one pattern: a family shared through the
//   same model walks its IN_FAMILY edge twice, which Neo4j forbids within one pattern.)
// parameters:
//   $paper: paper -- the paper: its id, arXiv id (any version, or its URL) or exact title
//   $limit: integer = 10 -- at most this many papers
// read-only: yes
// example: kg query run similar-papers -p paper="MiniPLM: Knowledge Distillation for Pre-Training Language Models"
MATCH (a:Paper {id: $paper})-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS|IN_FAMILY*1..2]->(e)
WHERE NOT e.id STARTS WITH 'model:'
WITH a, count(DISTINCT e) AS mine
MATCH (a)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS|IN_FAMILY*1..2]->(e)
WHERE NOT e.id STARTS WITH 'model:'
MATCH (e)<-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS|IN_FAMILY*1..2]-(b:Paper)
WHERE b.id <> a.id
WITH mine, b, count(DISTINCT e) AS shared
MATCH (b)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS|IN_FAMILY*1..2]->(x)
WHERE NOT x.id STARTS WITH 'model:'
WITH b, shared, mine, count(DISTINCT x) AS theirs
WITH b, shared, round(1.0 * shared / (mine + theirs - shared), 4) AS jaccard
ORDER BY jaccard DESC, shared DESC, b.id
LIMIT $limit
MATCH (a:Paper {id: $paper})-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS|IN_FAMILY*1..2]->(e)
WHERE NOT e.id STARTS WITH 'model:'
MATCH (e)<-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|MENTIONS|IN_FAMILY*1..2]-(b)
// dialect: neo4j
WITH DISTINCT b, jaccard, shared, e
ORDER BY e.name
WITH b, jaccard, shared, collect(e.name) AS entities
// dialect: embedded
WITH DISTINCT b, jaccard, shared, e
WITH b, jaccard, shared, list_sort(collect(e.name)) AS entities
// dialect: end
RETURN b.id AS paper, b.title AS title, jaccard, shared, entities
ORDER BY jaccard DESC, shared DESC, paper
