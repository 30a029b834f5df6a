"""The ``kg`` commands through Typer's runner, and ``kg --help`` in a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    code = "import sys, kg.cli; print(sorted(m for m in ('spacy', 'neo4j', 'pyvis', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    result = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True
    )
    assert "ingest" in result.stdout and "export" in result.stdout


def test_ingest_twice_changes_nothing(sample: list[Path], graph_path: Path) -> None:
    code, out, _ = kg("ingest", *sample, "--listing-year", "2026", "--graph", graph_path, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["records"], report["papers"], report["new_papers"], report["merged_papers"]) == (
        278,
        250,
        250,
        28,
    )
    assert report["total"]["nodes"]["Paper"] == 250
    assert 60 <= report["total"]["nodes"]["Repo"] <= 70
    first = graph_path.read_bytes()
    code, out, _ = kg("ingest", *sample, "--listing-year", "2026", "--graph", graph_path, "--format", "json")
    again = json.loads(out)
    assert (again["new_papers"], again["merged_papers"]) == (0, 278)
    assert again["new"] == {
        "nodes": {k: 0 for k in report["new"]["nodes"]},
        "edges": {k: 0 for k in report["new"]["edges"]},
    }
    assert graph_path.read_bytes() == first


def test_a_garbage_file_is_refused_and_the_graph_unchanged(
    sample: list[Path], graph_path: Path, tmp_path: Path
) -> None:
    kg("ingest", sample[0], "--listing-year", "2026", "--graph", graph_path)
    before = graph_path.read_bytes()
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 4)
    code, _, err = kg("ingest", sample[1], garbage, "--listing-year", "2026", "--graph", graph_path)
    assert code == 2
    assert err.startswith("kg: error: ") and "garbage.bin" in err and len(err.strip().splitlines()) == 1
    assert graph_path.read_bytes() == before
    noise = tmp_path / "noise.txt"
    noise.write_text("just some words\nand more words\n")
    code, _, err = kg("ingest", noise, "--graph", graph_path)
    assert code == 2 and "noise.txt:1: not a recognised paper listing" in err
    assert graph_path.read_bytes() == before


def test_stats_json_counts_labels_and_types(ingested: Path) -> None:
    code, out, _ = kg("stats", "--graph", ingested, "--format", "json")
    stats = json.loads(out)
    assert code == 0
    assert set(stats) == {"nodes", "edges"}
    assert stats["nodes"]["Paper"] == 250 and stats["edges"]["HAS_CODE"] == stats["nodes"]["Repo"]


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_papers_in_every_format(ingested: Path, fmt: str) -> None:
    code, out, _ = kg("papers", "--has-code", "--limit", "3", "--graph", ingested, "--format", fmt)
    assert code == 0
    if fmt == "json":
        rows = json.loads(out)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
    else:
        lines = out.splitlines()
        assert lines[0].split()[:3] == ["id", "date", "title"] and len(lines) == 5
        return
    assert len(rows) == 3 and all(row["links"] for row in rows)


def test_show_by_title_and_id(ingested: Path) -> None:
    title = "MaskLLM: Learnable Semi-Structured Sparsity for Large Language Models"
    code, out, _ = kg("show", title.lower(), "--graph", ingested, "--format", "json")
    details = json.loads(out)
    assert code == 0 and details["paper"]["title"] == title
    (link,) = [e for e in details["entities"] if e["relation"] == "HAS_CODE"]
    assert link["name"] == "https://github.com/NVlabs/MaskLLM"
    assert "https://github.com/NVlabs/MaskLLM" in link["evidence"]
    code, out, _ = kg("show", details["paper"]["id"], "--graph", ingested)
    assert code == 0 and out.startswith("id ") and "HAS_CODE" in out


def test_unknown_paper_and_missing_graph_are_one_line_errors(ingested: Path, tmp_path: Path) -> None:
    code, _, err = kg("show", "No Such Paper", "--graph", ingested)
    assert code == 1 and err == "kg: error: no paper with id, arXiv id or title 'No Such Paper'\n"
    code, _, err = kg("stats", "--graph", tmp_path / "none.json")
    assert code == 1 and "kg ingest" in err


def test_skip_bad_reports_what_it_skipped(tmp_path: Path, graph_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Daily Papers\n\nApr 13\n\n• 3 authors\n\nA Title\n\nAn abstract.\n")
    code, _, err = kg("ingest", page, "--graph", graph_path)
    assert code == 2 and "page.txt:5: expected a paper title" in err
    code, out, err = kg("ingest", page, "--skip-bad", "--graph", graph_path, "--format", "json")
    assert code == 0 and json.loads(out)["skipped"] == 1 and "page.txt:5" in err
