"""Embedded Cypher: building the engine from the NetworkX graph, and every named query on it
against the same query over Bolt, measured in the same run.

    python bench/bench_embedded_cypher.py                       # 100,000 papers, embedded only
    python bench/bench_embedded_cypher.py --neo4j start         # also a test Neo4j (tests/neo4j)
    python bench/bench_embedded_cypher.py --neo4j bolt://h:7687 # also this Neo4j (it is cleared!)
    python bench/bench_embedded_cypher.py --papers 10000        # a quick run

The graph is bench_neo4j_load's synthetic graph (resampled from the sample corpus; 100,000
papers give ~1.35 M edges) plus an IN_FAMILY edge for each model (the resampling makes none),
saved as a graph file. Reported:

- the engine build from the graph in memory, ``--builds`` times back to back (wall and CPU
  seconds; goal < 10 s): the first through the store (as a user meets it), the others into
  scratch files; the engine file's size;
- every named query (kg/query/named.py) through ``run_named_query``, with one representative
  parameter set each for several papers or entities (the most connected ones among them),
  median and p95 milliseconds on the embedded engine and, with ``--neo4j``, on Neo4j: each
  parameter set runs on both stores one after the other (so both see the same machine load), and
  the rows are compared. The issue's goal: shared-methods < 100 ms embedded.

A query that takes longer than ``--timeout`` seconds is stopped (both stores) and reported as
such; a query whose first run takes longer than ``--slow`` seconds runs for ``--slow-samples``
parameter sets only. Not a test: prints a report. Timings on a shared machine are noisy: compare
the ratios of one run, and the spread of the repeated builds.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_neo4j_load import corpus, load, synthesise  # noqa: E402

from kg.errors import StoreError  # noqa: E402
from kg.model import Label, RelType  # noqa: E402
from kg.query.named import query_names, run_named_query  # noqa: E402
from kg.store import embedded_cypher  # noqa: E402
from kg.store.base import GraphStore  # noqa: E402
from kg.store.nx_store import NetworkXStore  # noqa: E402

Params = dict[str, Any]


def add_families(nodes: dict, edges: dict, seed: int) -> None:
    """One IN_FAMILY edge a synthetic model, to a family drawn with a skew (a few big families)."""
    rng = random.Random(seed)
    families = [row["id"] for row in nodes[Label.MODEL_FAMILY]]
    if not families:
        return
    weights = [1 / (rank + 1) for rank in range(len(families))]
    edges[RelType.IN_FAMILY] = [
        (row["id"], rng.choices(families, weights)[0], {}) for row in nodes[Label.MODEL]
    ]


# -- the build ------------------------------------------------------------------------------------


def time_builds(graph: NetworkXStore, tmp: Path, count: int) -> None:
    """Build the engine ``count`` times back to back and print each build and the median."""
    runs: list[tuple[float, float]] = []
    start, cpu = time.perf_counter(), time.process_time()
    graph.run_cypher("RETURN 1 AS x", {})  # the first build, through the store
    runs.append((time.perf_counter() - start, time.process_time() - cpu))
    engine = next((tmp / "graph.json.cypher").glob("engine-*"))
    scratch = tmp / "scratch"
    for _ in range(count - 1):
        shutil.rmtree(scratch, ignore_errors=True)
        start, cpu = time.perf_counter(), time.process_time()
        embedded_cypher.build(graph.graph, scratch / "engine-scratch.lbug")
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    shutil.rmtree(scratch, ignore_errors=True)
    walls = [wall for wall, _ in runs]
    print(
        f"engine build from the graph, {count}x back to back (goal < 10 s): "
        + ", ".join(f"{wall:.1f} s" for wall in walls)
        + f"\n  median {statistics.median(walls):.1f} s wall, "
        f"{statistics.median(cpu for _, cpu in runs):.1f} s CPU; spread {min(walls):.1f}-{max(walls):.1f} s; "
        f"engine file {engine.stat().st_size / 2**20:.0f} MiB, "
        f"graph file {(tmp / 'graph.json').stat().st_size / 2**20:.0f} MiB"
    )


# -- the named queries ----------------------------------------------------------------------------


def parameter_sets(store: NetworkXStore, samples: int, seed: int) -> dict[str, list[Params]]:
    """Representative parameters for every named query: random papers, and for entities the
    three most connected (hubs) plus random ones."""
    rng = random.Random(seed)
    graph = store.graph
    by_label: dict[str, list[str]] = {}
    for node_id, attrs in graph.nodes(data=True):
        by_label.setdefault(attrs["label"], []).append(node_id)

    def entities(label: Label, count: int) -> list[str]:
        ids = sorted(by_label.get(label.value, []))
        hubs = sorted(ids, key=lambda i: -graph.in_degree(i))[:3]
        rest = [i for i in ids if i not in hubs]
        return hubs + rng.sample(rest, max(0, min(len(rest), count - len(hubs))))

    papers = rng.sample(
        sorted(by_label[Label.PAPER.value]), min(samples * 2, len(by_label[Label.PAPER.value]))
    )
    methods = entities(Label.METHOD, samples)
    tasks = entities(Label.TASK, 4)
    families = entities(Label.MODEL_FAMILY, 4)
    sets: dict[str, list[Params]] = {
        "shared-methods": [{"paper": p} for p in papers[:samples]],
        "similar-papers": [{"paper": p} for p in papers[:samples]],
        "connection": [
            {"paper": a, "other": b} for a, b in zip(papers[:samples], papers[samples:], strict=False)
        ],
        "method-cooccurrence": [{"method": m} for m in methods],
        "papers-using-method": [{"method": m} for m in methods],
        "method-adopters": [{}] + [{"method": m} for m in methods[: samples // 2]],
        "papers-with-code": [{}] + [{"task": t} for t in tasks],
        "family-timeline": [{}] + [{"family": f} for f in families],
        "top-entities": [{"kind": k} for k in ("method", "dataset", "family", "task", "model", "metric")],
    }
    missing = set(query_names()) - set(sets)
    if missing:
        raise SystemExit(f"no parameters for the named queries {sorted(missing)}: add them to parameter_sets")
    return sets


@dataclass
class Timings:
    """One store's timings of one query (milliseconds), and what went wrong."""

    ms: list[float] = field(default_factory=list)
    timeouts: int = 0
    errors: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if not self.ms:
            return "-"
        ms = sorted(self.ms)
        p95 = ms[max(0, int(len(ms) * 0.95 + 0.5) - 1)]
        return f"{statistics.median(ms):9.1f} {p95:9.1f}"


def timed(store: GraphStore, name: str, params: Params, into: Timings) -> list[dict[str, Any]] | None:
    start = time.perf_counter()
    try:
        rows = run_named_query(store, name, params)
    except StoreError as exc:
        text = str(exc)
        if "timeout" in text.lower() or "interrupted" in text.lower() or "terminated" in text.lower():
            into.timeouts += 1
        else:
            into.errors.append(text[:200])
        return None
    into.ms.append((time.perf_counter() - start) * 1000)
    return rows


def run_queries(
    stores: dict[str, GraphStore], sets: dict[str, list[Params]], slow: float, slow_samples: int
) -> None:
    """Run every named query on every store, parameter set by parameter set, and print a table."""
    names = list(stores)
    header = f"{'query':20s} {'runs':>4s}" + "".join(f" {n + ' median':>12s} {'p95 ms':>9s}" for n in names)
    print("\n" + header + ("   ratio  same rows" if len(names) > 1 else ""))
    for query, all_params in sets.items():
        timings = {n: Timings() for n in names}
        same = 0
        for store in stores.values():  # warm up: plans, caches
            timed(store, query, all_params[0], Timings())
        for k, params in enumerate(all_params):
            answers = [timed(store, query, params, timings[n]) for n, store in stores.items()]
            same += all(a is not None and a == answers[0] for a in answers)
            first = timings[names[0]]
            if k + 1 >= slow_samples and (first.timeouts or (first.ms and max(first.ms) > slow * 1000)):
                break
        runs = k + 1
        line = f"{query:20s} {runs:4d}" + "".join(f" {timings[n].describe():>22s}" for n in names)
        if len(names) > 1 and all(timings[n].ms for n in names):
            ratio = statistics.median(timings[names[1]].ms) / statistics.median(timings[names[0]].ms)
            line += f"  {ratio:6.2f}x  {same}/{runs}"
        notes = [f"{n}: {t.timeouts} timed out" for n, t in timings.items() if t.timeouts]
        notes += [f"{n}: {len(t.errors)} errors ({t.errors[0]})" for n, t in timings.items() if t.errors]
        print(line + ("   " + "; ".join(notes) if notes else ""), flush=True)
    if len(names) > 1:
        print(f"(ratio: {names[1]} median / {names[0]} median; same rows: parameter sets answered alike)")


# -- main -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--builds", type=int, default=3, help="engine builds to time back to back")
    parser.add_argument("--samples", type=int, default=20, help="papers or entities a query")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a query is stopped")
    parser.add_argument("--slow", type=float, default=2, help="a query slower than this (s) runs only")
    parser.add_argument("--slow-samples", type=int, default=3, help="... this many parameter sets")
    parser.add_argument("--neo4j", default=None, help="'start' (tests/neo4j) or a Bolt URI (cleared!)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    nodes, edges = synthesise(corpus(), args.papers, args.seed)
    add_families(nodes, edges, args.seed)
    n_edges = sum(len(r) for r in edges.values())
    n_nodes = sum(len(r) for r in nodes.values())
    print(
        f"synthetic graph: {args.papers:,} papers, {n_nodes:,} nodes, {n_edges:,} edges "
        f"({time.perf_counter() - t0:.0f} s); {os.cpu_count()} cores, load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )

    with tempfile.TemporaryDirectory(prefix="kg-bench-cypher-") as tmp_name:
        tmp = Path(tmp_name)
        graph = NetworkXStore(tmp / "graph.json")
        load(graph, nodes, edges)  # commits the graph file
        time_builds(graph, tmp, args.builds)
        start = time.perf_counter()
        reopened = NetworkXStore(tmp / "graph.json", create=False)
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        reopened.run_cypher("RETURN 1 AS x", {})
        print(
            f"a new process: reading the graph file {load_s:.1f} s, opening the built engine "
            f"{(time.perf_counter() - start) * 1000:.0f} ms (no rebuild)"
        )
        # Bench only: stop runaway queries (the store has no public timeout).
        reopened._cypher_engine().set_timeout(args.timeout)
        sets = parameter_sets(reopened, args.samples, args.seed)

        def run_all(stores: dict[str, GraphStore]) -> None:
            run_queries(stores, sets, args.slow, args.slow_samples)
            print("load average after: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))

        if args.neo4j:
            with_neo4j(
                args.neo4j,
                tmp,
                nodes,
                edges,
                args.timeout,
                lambda neo: run_all({"embedded": reopened, "Neo4j": neo}),
            )
        else:
            run_all({"embedded": reopened})


def with_neo4j(
    where: str, tmp: Path, nodes: dict, edges: dict, timeout: float, then: Callable[[GraphStore], None]
) -> None:
    """Load the graph into Neo4j (a test server started here, or the URI given) and call ``then``."""
    from kg.store.neo4j_store import Neo4jStore

    logging.getLogger("neo4j").setLevel(logging.ERROR)  # the driver logs each retried deadlock of the load
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
        print(f"(Neo4j loaded in {time.perf_counter() - start:.0f} s)")
        # Bench only: a transaction timeout on the store's read function (no public knob).
        import neo4j

        from kg.store import neo4j_store

        neo4j_store._data = neo4j.unit_of_work(timeout=timeout)(neo4j_store._data)
        then(neo)
        neo.close()
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
