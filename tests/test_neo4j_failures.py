"""Neo4j failures: one-line errors that never show the password, and a load cut by a server crash
that a re-run completes into the same graph as an uninterrupted load."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from neo4j_server import free_port
from store_helpers import Neo4jTarget, dump, start_test_server, synthetic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.store.copy import copy_graph

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


def test_a_load_cut_by_a_server_crash_can_be_rerun(tmp_path: Path, neo4j_target: Neo4jTarget) -> None:
    """Kill -9 the server mid-load, restart it on the same data directory, load again: the graph
    equals the source and an uninterrupted load into another server."""
    source = synthetic(papers=600, methods=200, edges_per_paper=4)
    expected = dump(source)
    total = sum(len(rows) for rows in expected.values())
    server = start_test_server(tmp_path / "crashing", password=PASSWORD)
    try:
        store = Neo4jTarget(server.uri, "neo4j", PASSWORD, None).open(batch_size=200, retry_seconds=2)
        killer: list[threading.Timer] = []

        def crash_soon(done: int, _total: int) -> None:
            if done >= total * 0.4 and not killer:  # part-way through the edges
                killer.append(threading.Timer(0.05, server.kill))
                killer[0].start()

        with pytest.raises(StoreError, match="cannot reach the server") as err:
            copy_graph(source, store, batch_size=200, on_progress=crash_soon)
        killer[0].join()
        assert "\n" not in str(err.value) and PASSWORD not in str(err.value)
        store.close()

        server.start()  # the same data directory: Neo4j recovers from its transaction log
        store = Neo4jTarget(server.uri, "neo4j", PASSWORD, None).open()
        partial = store.stats()
        written = sum(partial.nodes.values()) + sum(partial.edges.values())
        assert total * 0.3 < written < total
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
