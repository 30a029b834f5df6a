"""Shared fixtures: the bundled sample corpus, a fresh graph file per test, and graph stores of
both kinds (the embedded one and a real Neo4j: tests/neo4j_server.py, or $KG_TEST_NEO4J_URI)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from store_helpers import Neo4jTarget, start_test_server

from kg.sample import sample_paths

if TYPE_CHECKING:
    from kg.store.base import GraphStore

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def sample() -> list[Path]:
    """The five real Hugging Face Daily Papers pages shipped in the package."""
    paths = sample_paths()
    assert len(paths) == 5
    return paths


@pytest.fixture
def graph_path(tmp_path: Path) -> Path:
    """Where a test's embedded graph lives."""
    return tmp_path / "kg-data" / "graph.json"


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory, sample: list[Path]) -> Path:
    """A graph file built once from the sample corpus (tests must not modify it)."""
    from kg.build import ingest
    from kg.sample import SAMPLE_LISTING_YEAR
    from kg.store import open_store

    path = tmp_path_factory.mktemp("ingested") / "graph.json"
    ingest(open_store(path), sample, listing_year=SAMPLE_LISTING_YEAR)
    return path


# -- graph stores: the embedded one and a real Neo4j ---------------------------------------------

STORE_ENV = ("KG_STORE", "KG_GRAPH", "KG_NEO4J_USER", "KG_NEO4J_PASSWORD", "KG_NEO4J_DATABASE")


@pytest.fixture(autouse=True)
def _no_store_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their store explicitly: the developer's KG_STORE/KG_NEO4J_* never leak in."""
    for name in STORE_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """$KG_TEST_NEO4J_URI (credentials from KG_TEST_NEO4J_USER/PASSWORD/DATABASE) if set, else a
    real Neo4j started for this session on a free port (started on first use, stopped at the end)."""
    uri = os.environ.get("KG_TEST_NEO4J_URI")
    if uri:
        yield Neo4jTarget(
            uri,
            os.environ.get("KG_TEST_NEO4J_USER") or "neo4j",
            os.environ.get("KG_TEST_NEO4J_PASSWORD") or "",
            os.environ.get("KG_TEST_NEO4J_DATABASE") or None,
        )
        return
    server = start_test_server(tmp_path_factory.mktemp("neo4j"), password=f"kg-{secrets.token_hex(8)}")
    try:
        yield Neo4jTarget(server.uri, "neo4j", server.password, None)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_target: Neo4jTarget) -> str:
    """The Bolt URI of the session's Neo4j."""
    return neo4j_target.uri


@pytest.fixture
def neo4j_env(neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch) -> Neo4jTarget:
    """The session's Neo4j with its credentials in the environment, as ``kg`` reads them."""
    for name, value in neo4j_target.env().items():
        monkeypatch.setenv(name, value)
    return neo4j_target


@pytest.fixture(params=["nx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind: a new graph file, or the session's Neo4j cleared."""
    opened: GraphStore
    if request.param == "nx":
        from kg.store.nx_store import NetworkXStore

        opened = NetworkXStore(tmp_path / "graph.json")
    else:
        opened = request.getfixturevalue("neo4j_target").open()
        opened.clear()
    yield opened
    opened.close()


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction by the rule layer alone (the shipped pipeline without its trained components):
    for tests of what a rule does, whatever the trained filter would then keep."""
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "make_nlp", kg.pipeline.make_rules_nlp)
