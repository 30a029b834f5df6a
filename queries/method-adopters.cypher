// name: method-adopters
// title: Later papers that adopt a proposed method
// description: For each method a paper proposes, the papers dated after it (published, else
//   listed) that use or propose the same method, by method, proposer and date.
// parameters:
//   $method: method = none -- only this method (canonical name or alias; default: every proposed method)
//   $paper: paper = none -- only the methods this paper proposes (id, arXiv id or exact title)
//   $limit: integer = 100 -- at most this many rows
// read-only: yes
// example: kg query run method-adopters -p method=FlowPrune
// example: kg query run method-adopters -p paper=2401.00001
MATCH (src:Paper)-[:PROPOSES]->(m:Method)<-[u:USES|PROPOSES]-(p:Paper)
WHERE ($method = '' OR m.id = $method) AND ($paper = '' OR src.id = $paper) AND p.id <> src.id
WITH m, src, p, u, coalesce(src.published, src.listed) AS proposed_on, coalesce(p.published, p.listed) AS date
WHERE date > proposed_on
RETURN m.name AS method, src.id AS proposer, proposed_on, date, p.id AS paper, p.title AS title,
       u.role AS role, u.evidence AS evidence
ORDER BY method, proposed_on, proposer, date, paper, role
LIMIT $limit
