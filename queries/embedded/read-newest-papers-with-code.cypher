// name: embedded/read-newest-papers-with-code
// description: The newest papers with a code, model or data link by date (published, else listed; undated last), ties by id: what `kg papers --has-code -n N` lists (kg.read.list_papers on the embedded store).
// parameters: $limit: how many (an integer >= 0)
// read-only: yes
// placeholders: none
MATCH (p:Paper)-[:HAS_CODE]->(:Repo)
WITH DISTINCT p
WITH p, coalesce(p.published, p.listed, '') AS date
RETURN p.id AS id, date, p.published AS published, p.listed AS listed, p.title AS title, p.upvotes AS upvotes
ORDER BY date DESC, id
LIMIT $limit
