// name: papers-on-dataset
// title: Papers evaluated on a dataset
// description: Every paper that introduces a dataset or evaluates on it (named by its canonical
//   name or any alias), oldest first, with its role (proposed: introduces it; used: evaluates on
//   it), its date (published, else listed), the sentence that says so, and the paper's methods.
// parameters:
//   $dataset: dataset -- the dataset: its canonical name or any alias (case-insensitive)
//   $role: choice(any|proposed|used) = any -- only the papers that introduce it, or only those that evaluate on it
// read-only: yes
// example: kg query run papers-on-dataset -p dataset=MMLU
// example: kg query run papers-on-dataset -p dataset=GSM8K -p role=used --format json
MATCH (p:Paper)-[r:INTRODUCES|EVALUATES_ON]->(d:Dataset {id: $dataset})
WHERE $role = 'any' OR r.role = $role
OPTIONAL MATCH (p)-[:PROPOSES|USES]->(m:Method)
// dialect: neo4j
WITH p, r, m
ORDER BY m.name
WITH p, r, collect(DISTINCT m.name) AS methods
// dialect: embedded
WITH p, r, list_sort(collect(DISTINCT m.name)) AS methods
// dialect: end
RETURN coalesce(p.published, p.listed) AS date, p.id AS paper, p.title AS title, r.role AS role,
       r.evidence AS evidence, methods
ORDER BY date, paper, role
