// name: method-cooccurrence
// title: Methods used together with a method
// description: The methods most often proposed or used in the same papers as a method, by the
//   number of papers they share (ties by method id).
// parameters:
//   $method: method -- the method: its canonical name or any alias (case-insensitive)
//   $limit: integer = 20 -- at most this many methods
// read-only: yes
// example: kg query run method-cooccurrence -p method="chain-of-thought prompting"
MATCH (m:Method {id: $method})<-[:PROPOSES|USES]-(p:Paper)-[:PROPOSES|USES]->(o:Method)
WHERE o.id <> m.id
WITH o, count(DISTINCT p) AS papers
RETURN o.id AS id, o.name AS method, papers
ORDER BY papers DESC, id
LIMIT $limit
