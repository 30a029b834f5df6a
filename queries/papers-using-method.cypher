// name: papers-using-method
// title: Papers that propose or use a method
// description: Every paper that proposes or uses a method (named by its canonical name or any
//   alias), oldest first, with its role (proposed or used), its date (published, else listed),
//   the sentence that says so, and the datasets and tasks the paper works with.
// parameters:
//   $method: method -- the method: its canonical name or any alias (case-insensitive)
//   $role: choice(any|proposed|used) = any -- only the papers that propose it, or only those that use it
// read-only: yes
// example: kg query run papers-using-method -p method="knowledge distillation"
// example: kg query run papers-using-method -p method=KD -p role=used --format json
MATCH (p:Paper)-[r:PROPOSES|USES]->(m:Method {id: $method})
WHERE $role = 'any' OR r.role = $role
OPTIONAL MATCH (p)-[:INTRODUCES|EVALUATES_ON]->(d:Dataset)
// dialect: neo4j
WITH p, r, d
ORDER BY d.name
WITH p, r, collect(DISTINCT d.name) AS datasets
// dialect: embedded
WITH p, r, list_sort(collect(DISTINCT d.name)) AS datasets
// dialect: end
OPTIONAL MATCH (p)-[:ADDRESSES]->(t:Task)
// dialect: neo4j
WITH p, r, datasets, t
ORDER BY t.name
WITH p, r, datasets, collect(DISTINCT t.name) AS tasks
// dialect: embedded
WITH p, r, datasets, list_sort(collect(DISTINCT t.name)) AS tasks
// dialect: end
RETURN coalesce(p.published, p.listed) AS date, p.id AS paper, p.title AS title, r.role AS role,
       r.evidence AS evidence, datasets, tasks
ORDER BY date, paper, role
