"""The embedded store at corpus scale: load, one more day, every read command cold, Neo4j load.

    python -m kg extract /work/shared/corpus/arxiv-daily/*.jsonl.gz --workers 2 > /tmp/kg67k/extracted.jsonl
    python bench/bench_scale.py --extracted /tmp/kg67k/extracted.jsonl            # embedded store
    python bench/bench_scale.py --extracted /tmp/kg67k/extracted.jsonl --neo4j    # + the test Neo4j

The input is ``kg extract --format jsonl`` output of the unique real abstracts of
/work/shared/corpus/arxiv-daily (67,315 papers; extraction runs once, apart, as it would on
another machine). The last ``--day`` records (the newest listings) are held out: the rest is
loaded by ``kg ingest`` into an empty store, then the held-out day by a second ``kg ingest`` into
the full graph. Every read command then runs in a new process (cold: nothing cached in the
process; the engine files may be in the OS page cache, as on any machine that just ingested).
Each command's wall time, CPU time (user + system: what the machine's load does not change) and
peak RSS are of that process alone (``os.wait4``). With ``--neo4j`` the graph is copied into a
fresh test Neo4j by ``kg sync`` and, into another fresh database, the same records by
``kg ingest --store bolt://...``: times and edges a second.

Not a test: prints the measured figures of one run (and the machine's load average, which
scales wall times on a shared machine), exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


@dataclass
class Run:
    """One command's measured run."""

    wall: float
    cpu: float
    rss_mb: float
    code: int
    out: str
    err: str


def run(args: list[str], env: dict[str, str] | None = None) -> Run:
    """``python -m kg ARGS`` in a new process: wall, CPU and peak RSS of that process alone."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    # Linux keeps a parent's RSS at fork in the child's ru_maxrss across exec: /usr/bin/time (a
    # small process) forks the command and reports its peak alone.
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile() as rss,
    ):
        timed = ["/usr/bin/time", "-f", "%M", "-o", rss.name, sys.executable, "-m", "kg", *args]
        start = time.perf_counter()
        proc = subprocess.Popen(timed, stdout=out, stderr=err, env=full_env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_kb = int(Path(rss.name).read_text().split()[-1])
        return Run(
            wall,
            usage.ru_utime + usage.ru_stime,
            peak_kb / 1024,
            proc.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def split(extracted: Path, day: int, work: Path) -> tuple[Path, Path]:
    """The extracted records but the last ``day``, and those ``day`` records, as two files
    (streamed: this process stays small, since a child's peak RSS counts its parent's at fork)."""
    with open(extracted, encoding="utf-8") as handle:
        total = sum(1 for _ in handle)
    base, held = work / "base.jsonl", work / "day.jsonl"
    with (
        open(extracted, encoding="utf-8") as handle,
        open(base, "w", encoding="utf-8") as first,
        open(held, "w", encoding="utf-8") as second,
    ):
        for number, line in enumerate(handle):
            (first if number < total - day else second).write(line)
    return base, held


def show(name: str, measured: Run, extra: str = "") -> None:
    status = "" if measured.code == 0 else f"  EXIT {measured.code}: {measured.err.strip()[:200]}"
    print(
        f"  {name:<44} {measured.wall:7.2f} s wall {measured.cpu:7.2f} s cpu {measured.rss_mb:7.0f} MB{extra}{status}"
    )


def _cypher(graph: Path, statement: str) -> list[dict[str, object]]:
    """Rows of a Cypher statement, asked of a ``kg cypher`` process (not this one: see split)."""
    done = run(["cypher", statement, "--graph", str(graph), "--format", "json"])
    if done.code != 0:
        raise SystemExit(done.err)
    rows: list[dict[str, object]] = json.loads(done.out)
    return rows


def read_commands(graph: Path) -> list[tuple[str, list[str]]]:
    """Every read command with arguments chosen from the graph (a well-connected paper, the
    most used method)."""
    best = _cypher(
        graph,
        "MATCH (p:Paper)-[:USES]->(m:Method) RETURN p.id AS id, p.title AS title, count(m) AS n "
        "ORDER BY n DESC, id LIMIT 1",
    )[0]
    paper, title = str(best["id"]), str(best["title"])
    method = str(
        _cypher(
            graph,
            "MATCH (p:Paper)-[:USES]->(m:Method) RETURN m.name AS name, count(p) AS n ORDER BY n DESC, name LIMIT 1",
        )[0]["name"]
    )
    g = ["--graph", str(graph)]
    return [
        ("stats", ["stats", *g]),
        ("papers -n 20", ["papers", "-n", "20", *g]),
        ("papers --has-code -n 20", ["papers", "--has-code", "-n", "20", *g]),
        ("show <id>", ["show", paper, *g]),
        ("show <title>", ["show", title, *g]),
        ("shared-methods <paper>", ["shared-methods", paper, *g]),
        ("method <most used>", ["method", method, *g]),
        ("query run top-entities kind=dataset", ["query", "run", "top-entities", "-p", "kind=dataset", *g]),
        ("query run top-entities kind=method", ["query", "run", "top-entities", *g]),
        (
            "query run papers-using-method",
            ["query", "run", "papers-using-method", "-p", f"method={method}", *g],
        ),
        (
            "query run method-cooccurrence",
            ["query", "run", "method-cooccurrence", "-p", f"method={method}", *g],
        ),
        ("query run papers-with-code", ["query", "run", "papers-with-code", *g]),
        ("query run similar-papers", ["query", "run", "similar-papers", "-p", f"paper={paper}", *g]),
        ("query run family-timeline", ["query", "run", "family-timeline", *g]),
        ("query run method-adopters", ["query", "run", "method-adopters", "-p", f"method={method}", *g]),
        ("cypher count papers", ["cypher", "MATCH (p:Paper) RETURN count(p) AS papers", *g]),
        (
            "view --paper <id> (subgraph page)",
            ["view", "--paper", paper, "--output", str(graph.parent / "v.html"), *g],
        ),
        (
            "query run shared-methods -f json (subgraph)",
            ["query", "run", "shared-methods", "-p", f"paper={paper}", "-f", "json", *g],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extracted", type=Path, required=True, help="kg extract --format jsonl output")
    parser.add_argument("--day", type=int, default=300, help="records held out as one more day")
    parser.add_argument("--neo4j", action="store_true", help="also load into a fresh test Neo4j")
    parser.add_argument(
        "--work", type=Path, default=None, help="keep the graph here (default: a temporary folder)"
    )
    args = parser.parse_args()

    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        base, day = split(args.extracted, args.day, work)
        graph = work / "graph.json"
        for leftover in work.glob("graph.json*"):
            subprocess.run(["rm", "-rf", str(leftover)], check=True)
        records = base.read_text(encoding="utf-8").count("\n")
        print(f"\nload ({records:,} extracted records, then {args.day} more)")
        loaded = run(["ingest", str(base), "--graph", str(graph), "--format", "json"])
        show("kg ingest <extracted corpus> (empty store)", loaded)
        if loaded.code != 0:
            return
        report = json.loads(loaded.out)
        nodes, edges = sum(report["total"]["nodes"].values()), sum(report["total"]["edges"].values())
        print(
            f"    graph: {nodes:,} nodes, {edges:,} edges; graph.json {graph.stat().st_size / 2**20:.0f} MB"
        )
        engine = sum(p.stat().st_size for p in (work / "graph.json.cypher").glob("engine-*"))
        print(f"    engine: {engine / 2**20:.0f} MB")
        show(
            f"kg ingest <{args.day} more papers> (one more day)",
            run(["ingest", str(day), "--graph", str(graph)]),
        )
        show("kg ingest <the same day again> (no-op)", run(["ingest", str(day), "--graph", str(graph)]))

        print("\nread commands, each in a new process (first: the floor of any command)")
        show("kg --help (imports nothing heavy)", run(["--help"]))
        for name, command in read_commands(graph):
            show(name, run(command))

        if args.neo4j:
            neo4j_load(graph, args.extracted, edges, Path(tmp))
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


def neo4j_load(graph: Path, extracted: Path, edges: int, tmp: Path) -> None:
    """``kg sync`` of the graph and ``kg ingest`` of the records into fresh test Neo4j databases."""
    from neo4j_server import Neo4jServer

    print("\nNeo4j (the test server: tests/neo4j/serve)")
    for name, command in (
        ("kg sync --from <graph> --to bolt://…", ["sync", "--from", f"nx:{graph}", "--to", "{uri}"]),
        ("kg ingest <extracted corpus> --store bolt://…", ["ingest", str(extracted), "--store", "{uri}"]),
    ):
        with Neo4jServer(tmp / f"neo4j-{command[0]}", password="bench", startup_timeout=900) as server:
            env = {"KG_NEO4J_USER": "neo4j", "KG_NEO4J_PASSWORD": "bench"}
            measured = run([part.replace("{uri}", server.uri) for part in command], env=env)
            show(name, measured, f"  {edges / measured.wall:,.0f} edges/s")


if __name__ == "__main__":
    main()
