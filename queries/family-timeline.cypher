// name: family-timeline
// title: Papers per model family per month
// description: For each model family and month (of the papers' dates: published, else listed),
//   how many papers mention a model of the family; by family, then month.
// parameters:
//   $family: family = none -- only this model family (its name or an alias, e.g. Llama)
//   $since: date = none -- only papers dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)
//   $until: date = none -- only papers dated on or before this (compared at the precision given)
// read-only: yes
// example: kg query run family-timeline -p family=Qwen
// example: kg query run family-timeline -p since=2026 --format csv
MATCH (p:Paper)-[:MENTIONS]->(:Model)-[:IN_FAMILY]->(f:ModelFamily)
WITH p, f, coalesce(p.published, p.listed) AS date
WHERE date IS NOT NULL
  AND ($family = '' OR f.id = $family)
  AND ($since = '' OR left(date, size($since)) >= $since)
  AND ($until = '' OR left(date, size($until)) <= $until)
WITH f, left(date, 7) AS month, count(DISTINCT p) AS papers
RETURN f.name AS family, month, papers
ORDER BY family, month
