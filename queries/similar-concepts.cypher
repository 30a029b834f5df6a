// name: similar-concepts
// title: Papers most like a paper by weighted shared concepts
// description: Papers ranked by what they are about: the sum, over the concepts both are ABOUT,
//   of the product of the two weights (TF-IDF times the concept's specificity, normalised per
//   paper: rare concepts of one field count far more), plus, for each method, dataset or task
//   both propose, use or address, (log(N/df) / log(N))^2 / 2 (N papers, df papers linked to it:
//   Transformer or GPT count little); ties by paper id. With the shared concepts' and entities'
//   names. The weights were tuned by bench/tune_similarity.py (kg.concepts.similar ranks alike).
//   The same statement as similar-papers (kept under this name too).
// parameters:
//   $paper: paper -- the paper: its id, arXiv id (any version, or its URL) or exact title
//   $limit: integer = 10 -- at most this many papers
// read-only: yes
// example: kg query run similar-concepts -p paper="MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models"
MATCH (n:Paper)
WITH count(n) AS total
MATCH (a:Paper {id: $paper})
OPTIONAL MATCH (a)-[r:ABOUT]->(c:Concept)<-[s:ABOUT]-(b:Paper)
WITH total, a, collect(DISTINCT {other: b.id, score: r.weight * s.weight, name: c.name}) AS by_concept
OPTIONAL MATCH (a)-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES]->(x)
OPTIONAL MATCH (x)<-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES]-(p:Paper)
WITH total, a, by_concept, x, count(DISTINCT p) AS df
WITH a, by_concept, x,
     CASE WHEN total > 1 AND df > 0 THEN log(1.0 * total / df) / log(1.0 * total) ELSE 0.0 END AS w
OPTIONAL MATCH (x)<-[:PROPOSES|USES|INTRODUCES|EVALUATES_ON|ADDRESSES]-(b:Paper)
WHERE b.id <> a.id
WITH a, by_concept, collect(DISTINCT {other: b.id, score: w * w / 2, name: x.name}) AS by_entity
UNWIND by_concept + by_entity AS pair
WITH a, pair
WHERE pair.other IS NOT NULL AND pair.other <> a.id
WITH pair.other AS other, round(sum(pair.score), 4) AS score, collect(DISTINCT pair.name) AS names
ORDER BY score DESC, other
LIMIT $limit
MATCH (b:Paper {id: other})
// dialect: neo4j
UNWIND names AS name
WITH b, score, name
ORDER BY name
WITH b, score, collect(name) AS shared
// dialect: embedded
WITH b, score, list_sort(names) AS shared
// dialect: end
RETURN b.id AS paper, b.title AS title, score, size(shared) AS count, shared
ORDER BY score DESC, paper
