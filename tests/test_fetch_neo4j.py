"""``kg fetch`` and ``kg update --store bolt://…``: the same graph on Neo4j as on the embedded
store for the same replayed responses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_replay import DAYS, ReplayServer, fetch_env, serve_recorded
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.neo4j

runner = CliRunner()


def kg(*args: object) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ReplayServer]:
    with ReplayServer() as running:
        serve_recorded(running)
        for name, value in fetch_env(running).items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        yield running


def _build(*store: object, data: str) -> list[object]:
    kg("fetch", "hf", "--date", DAYS[0], "--save", *store, "--data-dir", data)
    kg(
        "fetch",
        "arxiv",
        "-c",
        "cs.CL",
        "-c",
        "cs.CV",
        "--date",
        DAYS[0],
        "--save",
        *store,
        "--data-dir",
        data,
    )
    kg("update", "--until", DAYS[-1], *store, "--data-dir", data)
    return [
        json.loads(kg("stats", *store, "--format", "json")),
        json.loads(kg("papers", *store, "--format", "json")),
    ]


def test_update_on_neo4j_gives_the_embedded_graph(neo4j_env: Neo4jTarget, server: ReplayServer) -> None:
    neo4j_env.open().clear()
    bolt = ("--store", neo4j_env.uri)
    on_neo4j = _build(*bolt, data="neo4j-data")
    assert on_neo4j == _build("--graph", "kg-data/graph.json", data="kg-data")
    requests = len(server.log)
    out = json.loads(kg("update", "--until", DAYS[-1], *bolt, "--data-dir", "neo4j-data", "--format", "json"))
    assert out["days"] == [] and len(server.log) == requests
    assert json.loads(kg("stats", *bolt, "--format", "json")) == on_neo4j[0]
