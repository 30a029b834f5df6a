"""Neo4j failures: one-line errors that never show the password, and a load cut by a server crash
that a re-run completes into the same graph as an uninterrupted load."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from neo4j_server import Neo4jServer, free_port
from store_helpers import Neo4jTarget, dump, start_test_server, synthetic
from typer.testing import CliRunner

from kg.build import ingest
from kg.cli import app
from kg.errors import StoreError
from kg.store.base import Stats
from kg.store.copy import copy_graph

if TYPE_CHECKING:
    from kg.store.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

PASSWORD = "s3cret-Pa55word"


def _kg(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _one_line_error(code: int, out: str, err: str, *secrets: str) -> str:
    assert code != 0
    assert err.startswith("kg: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and out == ""
    for secret in secrets:
        assert secret not in err
    return err


def test_a_server_that_is_down(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    env = {"KG_NEO4J_PASSWORD": PASSWORD}
    err = _one_line_error(*_kg("stats", "--store", uri, env=env), PASSWORD)
    assert "cannot reach the server" in err and uri in err
    sample = Path(__file__).parent / "data" / "formats" / "records.jsonl"
    _one_line_error(*_kg("ingest", str(sample), "--store", uri, env=env), PASSWORD)
    # A real process: the same one line, exit code 1, no traceback.
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "papers", "--store", uri],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "KG_NEO4J_PASSWORD": PASSWORD, "HOME": str(tmp_path)},
    )
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert PASSWORD not in proc.stderr


def test_wrong_credentials(neo4j_target: Neo4jTarget) -> None:
    if not neo4j_target.password:
        pytest.fail("the Neo4j under test must have authentication on", pytrace=False)
    wrong = f"{neo4j_target.password}-wrong"
    env = {**neo4j_target.env(), "KG_NEO4J_PASSWORD": wrong}
    err = _one_line_error(*_kg("stats", "--store", neo4j_target.uri, env=env), wrong, neo4j_target.password)
    assert "refused the credentials of user 'neo4j'" in err


def test_a_missing_database(neo4j_target: Neo4jTarget) -> None:
    env = {**neo4j_target.env(), "KG_NEO4J_DATABASE": "nosuchdb"}
    err = _one_line_error(*_kg("papers", "--store", neo4j_target.uri, env=env), neo4j_target.password)
    assert "no database 'nosuchdb'" in err


CRASH_BATCH = 50
"""Rows per write transaction in the crash tests: small, so a load is many batches."""


def _crash_after(server: Neo4jServer, batches: int) -> Callable[[int], None]:
    """An ``on_batch`` hook that SIGKILLs ``server`` once ``batches`` write transactions committed
    (the other writer's transaction may be in flight: the kill lands mid-load, at a fixed point)."""
    committed = itertools.count(1)

    def hook(_rows: int) -> None:
        if next(committed) == batches:
            server.kill()

    return hook


def _crashing_store(server: Neo4jServer, batches: int) -> Neo4jStore:
    return Neo4jTarget(server.uri, "neo4j", PASSWORD, None).open(
        batch_size=CRASH_BATCH, retry_seconds=2, on_batch=_crash_after(server, batches)
    )


def _assert_cut_short(err: pytest.ExceptionInfo[StoreError]) -> None:
    message = str(err.value)
    assert "cannot reach the server" in message
    assert "\n" not in message and PASSWORD not in message


def _size(stats: Stats) -> int:
    return sum(stats.nodes.values()) + sum(stats.edges.values())


def test_an_ingest_cut_by_a_server_crash_can_be_rerun(
    tmp_path: Path, neo4j_target: Neo4jTarget, sample: list[Path]
) -> None:
    """``kg ingest`` of the sample corpus, the server SIGKILLed after two thirds of the write
    batches, restarted on the same data directory, the ingest run again: the graph equals an
    uninterrupted ingest into a fresh database, node for node and edge for edge."""
    batches: list[int] = []
    fresh = neo4j_target.open(batch_size=CRASH_BATCH, on_batch=batches.append)
    fresh.clear()
    ingest(fresh, sample)
    expected, expected_stats = dump(fresh), fresh.stats()
    fresh.close()
    assert len(batches) > 30 and expected_stats.nodes["Paper"] == 250

    server = start_test_server(tmp_path / "crashing", password=PASSWORD)
    try:
        store = _crashing_store(server, len(batches) * 2 // 3)
        with pytest.raises(StoreError) as err:
            ingest(store, sample)
        _assert_cut_short(err)
        store.close()

        server.start()  # the same data directory: Neo4j recovers from its transaction log
        store = Neo4jTarget(server.uri, "neo4j", PASSWORD, None).open()
        assert 0.3 * _size(expected_stats) < _size(store.stats()) < _size(expected_stats)
        ingest(store, sample)
        assert store.stats() == expected_stats
        assert dump(store) == expected
        store.close()
    finally:
        server.stop()


def test_a_copy_cut_by_a_server_crash_can_be_rerun(tmp_path: Path, neo4j_target: Neo4jTarget) -> None:
    """``kg sync`` into Neo4j, killed part-way through the edges and run again: the graph equals the
    source and an uninterrupted copy into another server."""
    source = synthetic(papers=600, methods=200, edges_per_paper=4)
    expected = dump(source)
    total = _size(source.stats())
    server = start_test_server(tmp_path / "crashing", password=PASSWORD)
    try:
        store = _crashing_store(server, (total // CRASH_BATCH) * 2 // 3)
        with pytest.raises(StoreError) as err:
            copy_graph(source, store, batch_size=200)
        _assert_cut_short(err)
        store.close()

        server.start()
        store = Neo4jTarget(server.uri, "neo4j", PASSWORD, None).open()
        assert 0.3 * total < _size(store.stats()) < total
        copy_graph(source, store)
        assert dump(store) == expected
        store.close()
    finally:
        server.stop()
    uninterrupted = neo4j_target.open()
    uninterrupted.clear()
    copy_graph(source, uninterrupted)
    assert dump(uninterrupted) == expected
    uninterrupted.close()
