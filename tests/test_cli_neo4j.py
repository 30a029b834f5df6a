"""``kg ingest/stats/papers/show/export --store bolt://…`` and ``kg sync``: the same output as the
embedded store gives for the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.neo4j

runner = CliRunner()
TITLE = "MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models"


def kg(*args: object) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _reads(*store: object) -> list[object]:
    return [
        json.loads(kg("stats", *store, "--format", "json")),
        json.loads(kg("papers", *store, "--format", "json")),
        json.loads(kg("papers", "--has-code", "-n", "5", *store, "--format", "json")),
        json.loads(kg("show", TITLE, *store, "--format", "json")),
        kg("show", TITLE.lower(), *store),
    ]


def test_ingest_and_read_commands_on_neo4j(
    neo4j_env: Neo4jTarget, ingested: Path, sample: list[Path]
) -> None:
    neo4j_env.open().clear()
    report = json.loads(
        kg("ingest", *sample, "--listing-year", "2026", "--store", neo4j_env.uri, "--format", "json")
    )
    assert (report["papers"], report["new_papers"]) == (250, 250)
    assert report["total"]["nodes"]["Paper"] == 250
    assert _reads("--store", neo4j_env.uri) == _reads("--graph", ingested)
    again = json.loads(
        kg("ingest", *sample, "--listing-year", "2026", "--store", neo4j_env.uri, "--format", "json")
    )
    assert again["new_papers"] == 0 and again["total"] == report["total"]


def test_sync_copies_an_embedded_graph_into_neo4j(
    neo4j_env: Neo4jTarget, ingested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = json.loads(
        kg("sync", "--from", f"nx:{ingested}", "--to", neo4j_env.uri, "--clear", "--format", "json")
    )
    assert out["copied"] == out["total"] == json.loads(kg("stats", "--graph", ingested, "--format", "json"))
    monkeypatch.setenv("KG_STORE", neo4j_env.uri)  # the environment names the store
    assert _reads() == _reads("--graph", ingested)
    (exported,) = kg("export", "--to", "json", tmp_path / "from-neo4j").split()
    (original,) = kg("export", "--to", "json", tmp_path / "from-nx", "--graph", ingested).split()
    assert json.loads(Path(exported).read_text()) == json.loads(Path(original).read_text())
    # And back: Neo4j into a new graph file.
    copy = tmp_path / "copy.json"
    kg("sync", "--from", neo4j_env.uri, "--to", f"nx:{copy}")
    assert json.loads(copy.read_text()) == json.loads(ingested.read_text())
