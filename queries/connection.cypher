// name: connection
// title: How two papers are connected
// description: The shortest chain of shared entities (methods, datasets, models, families,
//   tasks, metrics, repos, other papers) linking two papers, at most 10 edges long, one row a
//   step. Of several equally short chains, the one whose node ids sort first.
//   Dialects: Neo4j finds the chains with allShortestPaths((a)-[*..10]-(b)) and lists them
//   with list comprehensions and reduce(); the embedded engine with (a)-[* ALL SHORTEST 1..10]-(b),
//   list_transform() and list_reduce(), and its lists index from 1, not 0.
// parameters:
//   $paper: paper -- one paper: its id, arXiv id (any version, or its URL) or exact title
//   $other: paper -- the other paper
// read-only: yes
// example: kg query run connection -p paper=a53d13144b1464db -p other=ad43a79fb4c8fc61
MATCH (a:Paper {id: $paper}), (b:Paper {id: $other})
WHERE a.id <> b.id
// dialect: neo4j
MATCH path = allShortestPaths((a)-[*..10]-(b))
WITH reduce(key = '', n IN nodes(path) | key + ' ' + n.id) AS key, nodes(path) AS nodes,
     [null] + [r IN relationships(path) | type(r)] AS vias
ORDER BY key
LIMIT 1
UNWIND range(0, size(nodes) - 1) AS step
WITH step, vias[step] AS via, nodes[step] AS node
RETURN step, via, labels(node)[0] AS label, node.id AS id, coalesce(node.name, node.title) AS name
// dialect: embedded
MATCH path = (a)-[* ALL SHORTEST 1..10]-(b)
WITH list_reduce(list_transform(nodes(path), n -> ' ' + n.id), (x, y) -> x + y) AS key,
     list_transform(nodes(path), n -> n.id) AS ids,
     list_transform(nodes(path), n -> label(n)) AS labels,
     list_transform(nodes(path), n -> coalesce(n.name, n.title)) AS names,
     [''] + list_transform(rels(path), r -> label(r)) AS vias
ORDER BY key
LIMIT 1
UNWIND range(1, size(ids)) AS i
RETURN i - 1 AS step, nullif(vias[i], '') AS via, labels[i] AS label, ids[i] AS id, names[i] AS name
// dialect: end
ORDER BY step
