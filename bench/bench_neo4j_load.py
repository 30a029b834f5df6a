"""Load speed of the Neo4j store against the embedded one, and neighbourhood-read latency.

    python bench/bench_neo4j_load.py                 # 100,000 papers, ~1M edges, the test Neo4j
    python bench/bench_neo4j_load.py --papers 10000  # a quick run
    python bench/bench_neo4j_load.py --uri bolt://host:7687   # any other Neo4j (KG_NEO4J_* for credentials)

The synthetic graph is resampled from the bundled sample corpus (ingested first): every
synthetic paper copies the edge profile (relationship types, target labels, edge properties)
of a randomly drawn real paper; each label's entity pool grows sublinearly with the number of
papers (pool = observed * scale**0.7) and each pooled entity's weight is the paper frequency of a
randomly drawn real entity of that label, so the frequency distribution (a few very common
methods, a long tail) follows the corpus. Authors: each paper draws an author count from the
corpus's papers that state one, and authors from a pool of 1.5 per paper with Zipf(0.8) weights.

Not a test: prints a report, exits 0. With no --uri it starts tests/neo4j/serve on a temporary
directory (page cache and heap from --pagecache/--heap, JVM flags from --jvm). The first load goes
into a fresh server (cold JIT, empty store files); --repeat N clears and loads again N-1 times (a
warm server, as a long-running production one is). Each load is compared with the embedded store
in the same run. Then the transport ceiling: the same edge rows, in the same batches, sent to a
statement that only counts them (queries/store/count-rows.cypher), one batch at a time. CPU
seconds of this process and of the server process (read from /proc, when the bench started the
server) show which side is busy.

The default server JVM flags are ones a production Neo4j can use too (neo4j.conf):
``-Xms`` = ``-Xmx`` (``server.memory.heap.initial_size`` = ``server.memory.heap.max_size``, as
Neo4j recommends), the parallel collector with a young generation of half the heap
(``server.jvm.additional=-XX:+UseParallelGC`` and ``-Xmn``): with the test server's small,
growing serial-collector heap, garbage collection took about a fifth of the server's CPU here.
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
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from kg.build import ingest  # noqa: E402
from kg.ids import normalise_title  # noqa: E402
from kg.model import SCHEMA, Label, RelType  # noqa: E402
from kg.sample import sample_paths  # noqa: E402
from kg.store.base import GraphStore  # noqa: E402
from kg.store.nx_store import NetworkXStore  # noqa: E402

Rows = dict[Label, list[dict[str, Any]]]
EdgeRows = dict[RelType, list[tuple[str, str, dict[str, Any]]]]


def corpus() -> NetworkXStore:
    store = NetworkXStore(None)
    ingest(store, sample_paths())
    return store


def synthesise(base: NetworkXStore, papers: int, seed: int) -> tuple[Rows, EdgeRows]:
    """Nodes and edges of a synthetic graph resampled from ``base`` (see the module docstring)."""
    rng = random.Random(seed)
    real_papers = list(base.iter_nodes(Label.PAPER))
    scale = papers / len(real_papers)
    profile = {p.id: [e for e in base.edges_of(p.id) if e.source == p.id] for p in real_papers}
    freq: dict[Label, list[int]] = defaultdict(list)
    for label in Label:
        if label in (Label.PAPER, Label.AUTHOR):
            continue
        for node in base.iter_nodes(label):
            freq[label].append(max(1, len(base.edges_of(node.id))))
    pools: dict[Label, tuple[list[str], list[float]]] = {}
    nodes: Rows = defaultdict(list)
    for label, observed in freq.items():
        size = max(1, round(len(observed) * scale**0.7))
        ids = [f"{label.id_prefix}:synthetic-{i}" for i in range(size)]
        weights = [float(rng.choice(observed)) for _ in ids]
        pools[label] = (ids, list(_cumulative(weights)))
        nodes[label] = [{"id": i, "name": i.split(":", 1)[1], "aliases": [i.split(":", 1)[1]]} for i in ids]
    author_counts = [int(p.props["author_count"]) for p in real_papers if p.props.get("author_count")] or [6]
    n_authors = round(papers * 1.5)
    author_ids = [f"author:synthetic-{i}" for i in range(n_authors)]
    author_cum = list(_cumulative([1 / (rank + 1) ** 0.8 for rank in range(n_authors)]))
    nodes[Label.AUTHOR] = [{"id": i, "name": i.split(":", 1)[1], "aliases": []} for i in author_ids]
    edges: EdgeRows = defaultdict(list)
    used_authors: set[str] = set()
    for n in range(papers):
        real = rng.choice(real_papers)
        pid = f"{2400 + n // 100_000}.{n % 100_000:05d}"
        title = f"{real.props['title']} ({n})"
        nodes[Label.PAPER].append(
            {**real.props, "id": pid, "arxiv_id": pid, "title": title, "title_key": normalise_title(title)}
        )
        seen: set[tuple[RelType, str]] = set()
        for edge in profile[real.id]:
            ids, cum = pools[SCHEMA[edge.type][1]]
            target = rng.choices(ids, cum_weights=cum)[0]
            if (edge.type, target) not in seen:
                seen.add((edge.type, target))
                edges[edge.type].append((pid, target, edge.props))
        for position, author in enumerate(
            dict.fromkeys(rng.choices(author_ids, cum_weights=author_cum, k=rng.choice(author_counts))), 1
        ):
            used_authors.add(author)
            edges[RelType.WROTE].append((author, pid, {"position": position}))
    nodes[Label.AUTHOR] = [row for row in nodes[Label.AUTHOR] if row["id"] in used_authors]
    return nodes, edges


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def load(store: GraphStore, nodes: Rows, edges: EdgeRows, verbose: bool = False) -> tuple[float, float]:
    """Upsert everything and commit; returns (seconds for nodes, seconds for edges + commit)."""
    start = time.perf_counter()
    for label, rows in nodes.items():
        t = time.perf_counter()
        store.upsert_nodes(label, rows)
        if verbose:
            print(f"    {label.value}: {len(rows):,} nodes, {len(rows) / (time.perf_counter() - t):,.0f}/s")
    middle = time.perf_counter()
    for rel, rel_rows in edges.items():
        t = time.perf_counter()
        store.upsert_edges(rel, rel_rows)
        if verbose:
            print(
                f"    {rel.value}: {len(rel_rows):,} edges, {len(rel_rows) / (time.perf_counter() - t):,.0f}/s"
            )
    store.commit()
    return middle - start, time.perf_counter() - middle


class CpuClock:
    """CPU seconds of this process and (if known) of the server process, between two reads."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def read(self) -> tuple[float, float | None]:
        server = None
        if self.server_pid is not None:
            fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
            server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return time.process_time(), server

    @staticmethod
    def describe(before: tuple[float, float | None], after: tuple[float, float | None]) -> str:
        text = f"client CPU {after[0] - before[0]:.1f} s"
        if before[1] is not None and after[1] is not None:
            text += f", server CPU {after[1] - before[1]:.1f} s"
        return text


def transport_ceiling(
    uri: str, auth: tuple[str, str] | None, database: str | None, edges: EdgeRows, batch: int
) -> float:
    """Seconds to send every edge row, batched as the store does, to a statement that only counts them."""
    import neo4j

    from kg.store.base import batched, present
    from kg.store.cypher import render

    query = render("count-rows")
    start = time.perf_counter()
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver, driver.session(database=database) as session:
        for rel_rows in edges.values():
            records = ({"source": s, "target": t, "props": present(p)} for s, t, p in rel_rows)
            for chunk in batched(records, batch):
                session.execute_read(lambda tx, rows: tx.run(query, {"rows": rows}).consume(), chunk)
    return time.perf_counter() - start


class RetryCounter(logging.Handler):
    """Counts the driver's "will be retried" warnings (deadlocks between the two writers)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.retries += "retried" in record.getMessage()


def latencies(store: GraphStore, ids: list[str], hops: int) -> list[float]:
    out = []
    for node_id in ids:
        start = time.perf_counter()
        store.neighbourhood(node_id, hops)
        out.append((time.perf_counter() - start) * 1000)
    return out


def describe(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"median {statistics.median(ms):.2f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=None, help="rows per write transaction")
    parser.add_argument("--uri", default=None, help="an existing Neo4j (it is cleared!)")
    parser.add_argument("--pagecache", default="1024", help="MiB, for the started test server")
    parser.add_argument("--heap", default="2g", help="for the started test server")
    parser.add_argument(
        "--jvm",
        default="-XX:-UseSerialGC -XX:+UseParallelGC -Xms{heap} -Xmn{half}",
        help="JVM flags for the started test server ({heap}: --heap, {half}: half of it); '' for none",
    )
    parser.add_argument("--workers", type=int, default=None, help="concurrent write transactions")
    parser.add_argument("--repeat", type=int, default=2, help="loads: the first cold, then cleared and again")
    parser.add_argument("--reads", type=int, default=300, help="neighbourhood reads to time")
    args = parser.parse_args()

    from kg.store.neo4j_store import DEFAULT_BATCH, DEFAULT_WORKERS, Neo4jStore

    retries = RetryCounter()
    logging.getLogger("neo4j").addHandler(retries)
    logging.getLogger("neo4j").propagate = False

    t0 = time.perf_counter()
    nodes, edges = synthesise(corpus(), args.papers, args.seed)
    n_nodes = sum(len(r) for r in nodes.values())
    n_edges = sum(len(r) for r in edges.values())
    print(
        f"synthetic graph: {args.papers:,} papers, {n_nodes:,} nodes, {n_edges:,} edges "
        f"({time.perf_counter() - t0:.1f} s to build)"
    )
    print("  edges: " + ", ".join(f"{r.value} {len(v):,}" for r, v in sorted(edges.items())))
    print("  nodes: " + ", ".join(f"{k.value} {len(v):,}" for k, v in nodes.items()))
    top = Counter(t for _, t, _ in edges[RelType.USES]).most_common(1)
    if top:
        print(f"  most used method: {top[0][1]:,} papers")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        server = None
        uri = args.uri
        password = os.environ.get("KG_NEO4J_PASSWORD")
        if uri is None:
            from neo4j_server import Neo4jServer

            heap_mib = _mebibytes(args.heap)
            jvm = args.jvm.format(heap=f"{heap_mib}m", half=f"{heap_mib // 2}m")
            password = "bench"
            server = Neo4jServer(
                Path(tmp) / "neo4j",
                password=password,
                env={
                    "NEO4J_TEST_PAGECACHE": args.pagecache,
                    "NEO4J_TEST_HEAP": args.heap,
                    "NEO4J_TEST_JAVA_OPTS": jvm,
                },
            ).start()
            uri = server.uri
            print(
                f"test Neo4j at {uri} (page cache {args.pagecache} MiB, heap {args.heap}, JVM flags {jvm!r})"
            )
        user = os.environ.get("KG_NEO4J_USER", "neo4j")
        database = os.environ.get("KG_NEO4J_DATABASE")
        cpu = CpuClock(server.pid if server is not None else None)
        try:
            neo = Neo4jStore(
                uri,
                user=user,
                password=password,
                database=database,
                batch_size=args.batch or DEFAULT_BATCH,
                workers=args.workers or DEFAULT_WORKERS,
            )
            neo.clear()
            embedded_path = Path(tmp) / "graph.json"
            edge_phase = 0.0
            for run in range(1, args.repeat + 1):
                if run > 1:
                    neo.clear()
                retries.retries = 0
                before = cpu.read()
                neo_nodes, neo_edges = load(neo, nodes, edges, verbose=run == 1)
                after = cpu.read()
                neo_total = neo_nodes + neo_edges
                edge_phase = neo_edges
                state = "fresh server, cold JIT" if run == 1 else "cleared, warm server"
                print(
                    f"\nNeo4j load {run} ({state}; batch {neo.batch_size:,}, {neo.workers} writers, "
                    f"{retries.retries} transactions retried): nodes {neo_nodes:.1f} s, edges {neo_edges:.1f} s; "
                    + cpu.describe(before, after)
                )
                print(f"  edges/s over the whole load: {n_edges / neo_total:,.0f}")
                print(f"  edges/s in the edge phase:   {n_edges / neo_edges:,.0f}")

                embedded_path.unlink(missing_ok=True)
                embedded = NetworkXStore(embedded_path)
                nx_nodes, nx_edges = load(embedded, nodes, edges)
                nx_total = nx_nodes + nx_edges
                print(
                    f"  embedded (NetworkX, incl. writing the file): {nx_total:.1f} s, "
                    f"{n_edges / nx_total:,.0f} edges/s; Neo4j takes {neo_total / nx_total:.2f}x as long"
                )

            before = cpu.read()
            ceiling = transport_ceiling(
                uri, (user, password) if password else None, database, edges, neo.batch_size
            )
            after = cpu.read()
            print(
                f"\ntransport ceiling (the edge rows to a statement that only counts them, one batch at a time): "
                f"{n_edges / ceiling:,.0f} rows/s, {ceiling / edge_phase:.2f} of the last edge phase's time; "
                + cpu.describe(before, after)
            )

            rng = random.Random(args.seed)
            ids = rng.sample([row["id"] for row in nodes[Label.PAPER]], min(args.reads, args.papers))
            latencies(neo, ids[:20], 1)  # warm up
            print(f"\nneighbourhood of one paper (hops=1, {len(ids)} papers):")
            print(f"  Neo4j:    {describe(latencies(neo, ids, 1))}")
            print(f"  embedded: {describe(latencies(embedded, ids, 1))}")
            stats = neo.stats()
            assert stats == embedded.stats(), "stores disagree"
            neo.close()
        finally:
            if server is not None:
                server.stop()


def _mebibytes(size: str) -> int:
    """``2g``, ``512m`` or a number of MiB as MiB."""
    units = {"g": 1024, "m": 1, "k": 1 / 1024}
    text = size.strip().lower()
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


if __name__ == "__main__":
    main()
