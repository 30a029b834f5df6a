"""Helpers for the store tests: the Neo4j they run against, a whole graph as plain values, and a
synthetic graph to load."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kg.model import Label, RelType
from kg.store.base import GraphStore
from kg.store.nx_store import NetworkXStore

if TYPE_CHECKING:
    from neo4j_server import Neo4jServer

    from kg.store.neo4j_store import Neo4jStore
INSTALL_HINT = (
    "the Neo4j tests need Java 17 and Maven to build and run a real Neo4j (tests/neo4j/serve); "
    "install them (Debian/Ubuntu: apt-get install -y openjdk-17-jdk-headless maven) "
    "or point KG_TEST_NEO4J_URI (with KG_TEST_NEO4J_USER/PASSWORD/DATABASE) at a Neo4j to use instead"
)


@dataclass(frozen=True)
class Neo4jTarget:
    """A Neo4j the tests may clear: the session's own test server or $KG_TEST_NEO4J_URI."""

    uri: str
    user: str
    password: str
    database: str | None

    def open(self, **kwargs: Any) -> Neo4jStore:
        from kg.store.neo4j_store import Neo4jStore

        return Neo4jStore(
            self.uri, user=self.user, password=self.password or None, database=self.database, **kwargs
        )

    def env(self) -> dict[str, str]:
        """The environment ``kg`` reads this target's credentials from."""
        env = {"KG_NEO4J_USER": self.user, "KG_NEO4J_PASSWORD": self.password}
        if self.database:
            env["KG_NEO4J_DATABASE"] = self.database
        return env


def start_test_server(data_dir: Path, password: str) -> Neo4jServer:
    """A started tests/neo4j server; FAILS (never skips) with the install hint without Java/Maven."""
    from neo4j_server import EXIT_MISSING_TOOLS, Neo4jServer, Neo4jServerError

    if shutil.which("java") is None or shutil.which("mvn") is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    server = Neo4jServer(data_dir, password=password)
    try:
        return server.start()
    except Neo4jServerError as exc:
        if exc.returncode == EXIT_MISSING_TOOLS:
            pytest.fail(INSTALL_HINT, pytrace=False)
        raise


def dump(store: GraphStore) -> dict[str, list[Any]]:
    """Every node and edge through the interface's streaming reads, in their (deterministic) order."""
    graph: dict[str, list[Any]] = {}
    for label in Label:
        graph[label.value] = [(n.id, n.props) for n in store.iter_nodes(label)]
    for rel in RelType:
        graph[rel.value] = [(e.source, e.target, e.props) for e in store.iter_edges(rel)]
    return graph


def synthetic(papers: int, methods: int, edges_per_paper: int, seed: int = 7) -> NetworkXStore:
    """An in-memory graph with papers, methods, repos and evidence-carrying edges."""
    rng = random.Random(seed)
    graph = NetworkXStore(None)
    graph.upsert_nodes(
        Label.METHOD,
        ({"id": f"method:m{i:05d}", "name": f"M{i}", "aliases": [f"M{i}", f"m-{i}"]} for i in range(methods)),
    )
    graph.upsert_nodes(
        Label.PAPER,
        (
            {
                "id": f"2401.{i:05d}",
                "title": f"Paper {i} on ünïcode and “quotes”",
                "abstract": "We propose things. " * 20,
                "authors": [f"Author {j}" for j in range(i % 4)],
                "upvotes": i % 50 or None,
                "published": f"2024-01-{1 + i % 28:02d}",
            }
            for i in range(papers)
        ),
    )
    graph.upsert_nodes(
        Label.REPO,
        (
            {"id": f"repo:github.com/x/r{i}", "url": f"https://github.com/x/r{i}", "kind": "code"}
            for i in range(0, papers, 3)
        ),
    )
    uses, proposes, code = [], [], []
    for i in range(papers):
        pid = f"2401.{i:05d}"
        targets = rng.sample(range(methods), edges_per_paper)
        for k, m in enumerate(targets):
            props = {
                "evidence": f"In paper {i} we use method {m}, and it works well.",
                "start": k,
                "end": k + 5,
                "confidence": round(rng.random(), 3),
                "role": None if k % 3 else "used",
                "mentions": 1 + k % 2,
            }
            (proposes if k == 0 else uses).append((pid, f"method:m{m:05d}", props))
        if i % 3 == 0:
            code.append(
                (pid, f"repo:github.com/x/r{i}", {"surface": f"github.com/x/r{i}", "confidence": 0.99})
            )
    graph.upsert_edges(RelType.USES, uses)
    graph.upsert_edges(RelType.PROPOSES, proposes)
    graph.upsert_edges(RelType.HAS_CODE, code)
    return graph
