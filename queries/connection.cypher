// name: connection
// title: How two papers are connected
// description: The shortest chain of shared entities (methods, datasets, models, families,
//   tasks, metrics, repos, authors, other papers) linking two papers, at most 10 edges long, one
//   row a step. Of several equally short chains, the one whose node ids sort first (then
//   whose relationship types do).
//   Neo4j finds the chains with allShortestPaths((a)-[*..10]-(b)); the embedded store walks its
//   graph natively (kg.query.native.connection), because ladybug 0.22 reads node properties
//   in list lambdas wrongly past 2048 entries (docs/CYPHER_DIALECTS.md).
// parameters:
//   $paper: paper -- one paper: its id, arXiv id (any version, or its URL) or exact title
//   $other: paper -- the other paper
// read-only: yes
// native: embedded connection
// example: kg query run connection -p paper=a53d13144b1464db -p other=ad43a79fb4c8fc61
MATCH (a:Paper {id: $paper}), (b:Paper {id: $other})
WHERE a.id <> b.id
MATCH path = allShortestPaths((a)-[*..10]-(b))
WITH reduce(key = '', n IN nodes(path) | key + ' ' + n.id) AS key, nodes(path) AS nodes,
     [r IN relationships(path) | type(r)] AS types
ORDER BY key, types
LIMIT 1
WITH nodes, [null] + types AS vias
UNWIND range(0, size(nodes) - 1) AS step
WITH step, vias[step] AS via, nodes[step] AS node
RETURN step, via, labels(node)[0] AS label, node.id AS id, coalesce(node.name, node.title) AS name
ORDER BY step
