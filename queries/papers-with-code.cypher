// name: papers-with-code
// title: Papers with code, model or data links
// description: Papers with links to code, models or data, newest first (ties by id), with their
//   links; optionally only the papers that propose or use a method, or address a task.
// parameters:
//   $method: method = none -- only papers that propose or use this method (canonical name or alias)
//   $task: task = none -- only papers that address this task (canonical name or alias)
//   $kind: choice(any|code|model|data|project) = any -- only links of this kind
//   $limit: integer = 100 -- at most this many papers
// read-only: yes
// example: kg query run papers-with-code -p limit=5
// example: kg query run papers-with-code -p task="question answering"
MATCH (p:Paper)-[:HAS_CODE]->(r:Repo)
WHERE ($kind = 'any' OR r.kind = $kind)
  AND ($method = '' OR EXISTS { MATCH (p)-[:PROPOSES|USES]->(m:Method) WHERE m.id = $method })
  AND ($task = '' OR EXISTS { MATCH (p)-[:ADDRESSES]->(t:Task) WHERE t.id = $task })
// dialect: neo4j
WITH p, r
ORDER BY r.url
WITH p, collect(DISTINCT r.url) AS links
// dialect: embedded
WITH p, list_sort(collect(DISTINCT r.url)) AS links
// dialect: end
RETURN coalesce(p.published, p.listed) AS date, p.id AS paper, p.title AS title, links
ORDER BY date DESC, paper
LIMIT $limit
