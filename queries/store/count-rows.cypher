// name: store/count-rows
// description: Counts the rows of a batch and writes nothing: the transport ceiling of a write batch (bench/bench_neo4j_load.py sends it the edge rows of upsert-edges).
// parameters: $rows: list of any (the payload of a write batch)
// read-only: yes
UNWIND $rows AS row
RETURN count(*) AS rows
