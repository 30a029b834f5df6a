// name: entity-timeline
// title: An entity's papers per month
// description: How many papers propose, use, evaluate on, address, report or mention an entity
//   (any type, named by its canonical name or any alias; a model family counts the papers
//   mentioning any of its models), per month of the papers' dates (published, else listed).
// parameters:
//   $entity: entity -- the entity: a method, dataset, task, model, model family, metric or repo (name or alias)
//   $since: date = none -- only papers dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)
//   $until: date = none -- only papers dated on or before this (compared at the precision given)
// read-only: yes
// example: kg query run entity-timeline -p entity="direct preference optimization"
// example: kg query run entity-timeline -p entity=Llama -p since=2026 --format csv
MATCH (p:Paper)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES|REPORTS|MENTIONS|HAS_CODE]->(x)
OPTIONAL MATCH (x)-[:IN_FAMILY]->(f:ModelFamily)
WITH p, x, f, coalesce(p.published, p.listed) AS date
WHERE (x.id = $entity OR f.id = $entity) AND date IS NOT NULL
  AND ($since = '' OR left(date, size($since)) >= $since)
  AND ($until = '' OR left(date, size($until)) <= $until)
WITH left(date, 7) AS month, count(DISTINCT p) AS papers
RETURN month, papers
ORDER BY month
