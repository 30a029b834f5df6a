"""``kg demo``: the README's first command builds the sample graph, runs shared-methods and writes
a view, through the library function and the CLI."""

from __future__ import annotations

import html
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.demo import DEMO_PAPER, run_demo
from kg.store.nx_store import NetworkXStore
from tests.query_helpers import KD_PAPERS, MINIPLM_TITLE


def test_run_demo_ingests_shares_and_draws(tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "graph.json")
    result = run_demo(store, tmp_path / "views" / "demo.html")
    assert DEMO_PAPER == MINIPLM_TITLE
    assert result.report.papers == 250
    assert {row["paper"] for row in result.shared} == set(KD_PAPERS)
    page = result.view_path.read_text(encoding="utf-8")
    assert result.view_path == tmp_path / "views" / "demo.html"
    assert html.escape(MINIPLM_TITLE) in page
    assert result.view_nodes > len(KD_PAPERS) and result.view_edges > 0


def test_kg_demo_prints_the_report_the_shared_papers_and_the_view(tmp_path: Path) -> None:
    view = tmp_path / "demo.html"
    result = CliRunner().invoke(app, ["demo", "--graph", str(tmp_path / "g.json"), "-o", str(view)])
    assert result.exit_code == 0, result.output
    assert "Papers sharing methods with 'MiniPLM" in result.stdout
    for title in KD_PAPERS.values():
        assert title[:40] in result.stdout
    assert f"View: {view}" in result.stdout and view.is_file()
    assert (tmp_path / "g.json").is_file()
