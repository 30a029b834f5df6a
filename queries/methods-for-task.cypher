// name: methods-for-task
// title: Methods used for a task
// description: The methods proposed or used by the papers that address a task (named by its
//   canonical name or any alias), by the number of those papers (ties by method id).
// parameters:
//   $task: task -- the task: its canonical name or any alias (case-insensitive)
//   $limit: integer = 20 -- at most this many methods
// read-only: yes
// example: kg query run methods-for-task -p task="question answering"
// example: kg query run methods-for-task -p task=QA -p limit=5 --format csv
MATCH (p:Paper)-[:ADDRESSES]->(t:Task {id: $task})
MATCH (p)-[:PROPOSES|USES]->(m:Method)
WITH m, count(DISTINCT p) AS papers
RETURN m.id AS id, m.name AS method, papers
ORDER BY papers DESC, id
LIMIT $limit
