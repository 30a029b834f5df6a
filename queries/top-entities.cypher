// name: top-entities
// title: The most frequent methods, datasets, model families or tasks
// description: Entities of one kind by the number of papers that have them (a model family
//   counts the papers mentioning any of its models), optionally only papers dated (published,
//   else listed) within [$since, $until]; ties by entity id.
// parameters:
//   $kind: choice(method|dataset|family|task|model|metric) = method -- what to count
//   $since: date = none -- only papers dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)
//   $until: date = none -- only papers dated on or before this (compared at the precision given)
//   $limit: integer = 20 -- at most this many entities
// read-only: yes
// example: kg query run top-entities -p kind=family -p limit=5
// example: kg query run top-entities -p kind=dataset -p since=2026-03 -p until=2026-04
MATCH (p:Paper)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|REPORTS|MENTIONS]->(x)
WHERE x.id STARTS WITH ($kind + ':') OR ($kind = 'family' AND x.id STARTS WITH 'model:')
WITH p, x, coalesce(p.published, p.listed) AS date
WHERE ($since = '' OR left(date, size($since)) >= $since)
  AND ($until = '' OR left(date, size($until)) <= $until)
OPTIONAL MATCH (x)-[:IN_FAMILY]->(f:ModelFamily)
WITH p, CASE WHEN $kind = 'family' THEN f.id ELSE x.id END AS id,
     CASE WHEN $kind = 'family' THEN f.name ELSE x.name END AS name
WHERE id IS NOT NULL
RETURN id, name, count(DISTINCT p) AS papers
ORDER BY papers DESC, id
LIMIT $limit
