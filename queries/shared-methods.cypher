// name: shared-methods
// title: Papers sharing methods with a paper
// description: The papers that propose or use at least $k of the methods a paper proposes or
//   uses, the most shared first (ties by paper id), with the shared methods.
// parameters:
//   $paper: paper -- the paper: its id, arXiv id (any version, or its URL) or exact title
//   $k: integer = 1 -- at least this many shared methods
//   $limit: integer = 20 -- at most this many papers
// read-only: yes
// example: kg query run shared-methods -p paper="MiniPLM: Knowledge Distillation for Pre-Training Language Models"
// example: kg shared-methods 0af06fb970662dd5 -k 2
MATCH (a:Paper {id: $paper})-[:PROPOSES|USES]->(m:Method)<-[:PROPOSES|USES]-(b:Paper)
WHERE b.id <> a.id
WITH DISTINCT b, m
// dialect: neo4j
ORDER BY m.name
WITH b, collect(m.name) AS methods
// dialect: embedded
WITH b, list_sort(collect(m.name)) AS methods
// dialect: end
WHERE size(methods) >= $k
RETURN b.id AS paper, b.title AS title, coalesce(b.published, b.listed) AS date,
       size(methods) AS shared, methods
ORDER BY shared DESC, paper
LIMIT $limit
