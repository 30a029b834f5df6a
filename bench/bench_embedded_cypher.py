"""Embedded Cypher: building the engine from the NetworkX graph, and a shared-methods query on it
against the same query over Bolt, measured in the same run.

    python bench/bench_embedded_cypher.py                       # 100,000 papers, embedded only
    python bench/bench_embedded_cypher.py --neo4j start         # also a test Neo4j (tests/neo4j)
    python bench/bench_embedded_cypher.py --neo4j bolt://h:7687 # also this Neo4j (it is cleared!)
    python bench/bench_embedded_cypher.py --papers 10000        # a quick run

The graph is bench_neo4j_load's synthetic graph (resampled from the sample corpus; 100,000
papers give ~1.35 M edges), saved as a graph file. Reported: the time to build the engine from
the graph in memory (wall and CPU seconds; goal < 10 s), the file's size, and for --queries
papers the "papers sharing >= k methods with a paper, ranked, with the shared methods" query
(median/p95 ms; goal < 100 ms embedded), then the same on Neo4j and the ratio. Not a test: prints
a report. Timings on a shared machine are noisy: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_neo4j_load import corpus, load, synthesise  # noqa: E402

from kg.model import Label  # noqa: E402
from kg.store.base import GraphStore  # noqa: E402
from kg.store.nx_store import NetworkXStore  # noqa: E402

SHARED_NEO4J = """
MATCH (p:Paper {id: $paper})-[:PROPOSES|USES]->(m:Method)<-[:PROPOSES|USES]-(other:Paper)
WHERE other.id <> p.id
WITH DISTINCT other, m ORDER BY m.name
WITH other, collect(m.name) AS shared WHERE size(shared) >= $k
RETURN other.id AS id, other.title AS title, size(shared) AS n, shared
ORDER BY n DESC, id LIMIT 20
"""
SHARED_EMBEDDED = """
MATCH (p:Paper {id: $paper})-[:PROPOSES|USES]->(m:Method)<-[:PROPOSES|USES]-(other:Paper)
WHERE other.id <> p.id
WITH other, collect(DISTINCT m.name) AS shared WHERE size(shared) >= $k
RETURN other.id AS id, other.title AS title, size(shared) AS n, list_sort(shared) AS shared
ORDER BY n DESC, id LIMIT 20
"""


def timed(store: GraphStore, query: str, papers: list[str], k: int) -> tuple[list[float], list[list[dict]]]:
    times, answers = [], []
    for paper in papers:
        start = time.perf_counter()
        answers.append(store.run_cypher(query, {"paper": paper, "k": k}))
        times.append((time.perf_counter() - start) * 1000)
    return times, answers


def describe(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"median {statistics.median(ms):.1f} ms, p95 {ms[max(0, int(len(ms) * 0.95) - 1)]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=100, help="papers to run the query for")
    parser.add_argument("-k", type=int, default=2, help="at least k shared methods")
    parser.add_argument("--neo4j", default=None, help="'start' (tests/neo4j) or a Bolt URI (cleared!)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    nodes, edges = synthesise(corpus(), args.papers, args.seed)
    n_edges = sum(len(r) for r in edges.values())
    print(f"synthetic graph: {args.papers:,} papers, {n_edges:,} edges ({time.perf_counter() - t0:.0f} s)")

    with tempfile.TemporaryDirectory(prefix="kg-bench-cypher-") as tmp:
        graph = NetworkXStore(Path(tmp) / "graph.json")
        load(graph, nodes, edges)  # commits the graph file
        start, cpu = time.perf_counter(), time.process_time()
        graph.run_cypher("RETURN 1 AS x", {})  # builds the engine
        build_s, build_cpu = time.perf_counter() - start, time.process_time() - cpu
        engine = next((Path(tmp) / "graph.json.cypher").glob("engine-*"))
        print(
            f"engine build from the graph: {build_s:.1f} s wall, {build_cpu:.1f} s CPU "
            f"(goal < 10 s); engine file {engine.stat().st_size / 2**20:.0f} MiB, "
            f"graph file {(Path(tmp) / 'graph.json').stat().st_size / 2**20:.0f} MiB"
        )
        start = time.perf_counter()
        reopened = NetworkXStore(Path(tmp) / "graph.json", create=False)
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        reopened.run_cypher("RETURN 1 AS x", {})
        print(
            f"a new process: reading the graph file {load_s:.1f} s, opening the built engine "
            f"{(time.perf_counter() - start) * 1000:.0f} ms (no rebuild)"
        )

        rng = random.Random(args.seed)
        ids = rng.sample([row["id"] for row in nodes[Label.PAPER]], min(args.queries, args.papers))
        timed(reopened, SHARED_EMBEDDED, ids[:10], args.k)  # warm up
        emb_ms, emb_rows = timed(reopened, SHARED_EMBEDDED, ids, args.k)
        hits = sum(1 for rows in emb_rows if rows)
        print(f"\nshared-methods (k={args.k}) for {len(ids)} papers ({hits} with an answer):")
        print(f"  embedded: {describe(emb_ms)} (goal < 100 ms)")

        if args.neo4j:
            run_neo4j(args.neo4j, Path(tmp), nodes, edges, ids, args.k, emb_ms, emb_rows)


def run_neo4j(where: str, tmp: Path, nodes, edges, ids: list[str], k: int, emb_ms, emb_rows) -> None:
    from kg.store.neo4j_store import Neo4jStore

    logging.getLogger("neo4j").propagate = False  # the driver logs each retried deadlock of the load
    server = None
    uri = where
    if where == "start":
        from neo4j_server import Neo4jServer

        server = Neo4jServer(tmp / "neo4j", password="bench").start()
        uri, os.environ["KG_NEO4J_PASSWORD"] = server.uri, "bench"
    try:
        neo = Neo4jStore(
            uri,
            user=os.environ.get("KG_NEO4J_USER", "neo4j"),
            password=os.environ.get("KG_NEO4J_PASSWORD"),
            database=os.environ.get("KG_NEO4J_DATABASE"),
        )
        neo.clear()
        start = time.perf_counter()
        load(neo, nodes, edges)
        print(f"  (Neo4j loaded in {time.perf_counter() - start:.0f} s)")
        timed(neo, SHARED_NEO4J, ids[:10], k)
        neo_ms, neo_rows = timed(neo, SHARED_NEO4J, ids, k)
        print(f"  Neo4j:    {describe(neo_ms)}")
        print(
            f"  ratio (median): Neo4j takes {statistics.median(neo_ms) / statistics.median(emb_ms):.1f}x the embedded time"
        )
        print(f"  same answers on both stores: {neo_rows == emb_rows}")
        neo.close()
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
