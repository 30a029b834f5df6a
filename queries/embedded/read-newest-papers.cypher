// name: embedded/read-newest-papers
// description: The newest papers by date (published, else listed; undated last), ties by id: what `kg papers -n N` lists (kg.read.list_papers on the embedded store).
// parameters: $limit: how many (an integer >= 0)
// read-only: yes
// placeholders: none
MATCH (p:Paper)
WITH p, coalesce(p.published, p.listed, '') AS date
RETURN p.id AS id, date, p.published AS published, p.listed AS listed, p.title AS title, p.upvotes AS upvotes
ORDER BY date DESC, id
LIMIT $limit
