"""``kg query list|show|run``, ``kg cypher``, ``kg shared-methods`` and ``kg method`` through
Typer's runner, on the embedded store and on a real Neo4j."""

from __future__ import annotations

import csv
import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from query_helpers import ADOPTERS, COMPACT, KD_PAPERS, MINIPLM, MINIPLM_TITLE, load_sample
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app
from kg.query.named import get_query, list_queries, query_names

runner = CliRunner()
QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def ok(*args: object) -> str:
    code, out, err = kg(*args)
    assert code == 0, err
    return out


@pytest.fixture
def neo4j_sample(neo4j_env: Neo4jTarget, ingested: Path) -> str:
    """The session's Neo4j holding the sample graph, its credentials in the environment; its URI."""
    store = neo4j_env.open()
    try:
        load_sample(store, ingested)
    finally:
        store.close()
    return neo4j_env.uri


def test_the_query_commands_are_listed_and_import_nothing_heavy() -> None:
    help_text = ok("--help")
    assert all(word in help_text for word in ("query", "cypher", "shared-methods", "method"))
    code = "import sys, kg.cli; print(sorted(m for m in ('spacy', 'neo4j', 'ladybug', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- kg query list / show -------------------------------------------------------------------------


def test_query_list_in_every_format() -> None:
    table = ok("query", "list")
    assert all(name in table for name in query_names())
    assert "paper, [k=1], [limit=20]" in table
    document = json.loads(ok("query", "list", "--format", "json"))
    assert [q["name"] for q in document] == query_names()
    shared = next(q for q in document if q["name"] == "shared-methods")
    assert shared["parameters"][0] == {
        "name": "paper",
        "type": "paper",
        "required": True,
        "default": None,
        "description": "the paper: its id, arXiv id (any version, or its URL) or exact title",
    }
    lines = [json.loads(line) for line in ok("query", "list", "--format", "jsonl").splitlines()]
    assert [line["name"] for line in lines] == query_names()
    rows = list(csv.DictReader(io.StringIO(ok("query", "list", "--format", "csv"))))
    assert [row["name"] for row in rows] == query_names()


def test_query_show_prints_the_file_or_one_dialect() -> None:
    source = (QUERIES_DIR / "connection.cypher").read_text(encoding="utf-8")
    assert ok("query", "show", "connection") == source
    neo4j = ok("query", "show", "connection", "--dialect", "neo4j")
    assert neo4j.strip() == get_query("connection").cypher("neo4j") and "allShortestPaths" in neo4j
    assert "kg.query.native.connection" in ok("query", "show", "connection", "--dialect", "embedded")
    document = json.loads(ok("query", "show", "shared-methods", "--format", "json"))
    assert document["columns"] == ["paper", "title", "date", "shared", "methods"]
    assert set(document["cypher"]) == {"neo4j", "embedded"}


def test_an_unknown_query_is_one_line_listing_the_names(ingested: Path) -> None:
    for args in (("query", "show", "nope"), ("query", "run", "shared-method", "--graph", ingested)):
        code, out, err = kg(*args)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("kg: error: no named query")
        assert all(name in err for name in query_names())


def test_a_missing_or_bad_parameter_is_one_line(ingested: Path) -> None:
    code, _, err = kg("query", "run", "connection", "-p", f"paper={MINIPLM}", "--graph", ingested)
    assert code == 2 and "needs parameter other" in err and "paper: paper, other: paper" in err
    code, _, err = kg("query", "run", "top-entities", "-p", "limit=many", "--graph", ingested)
    assert code == 2 and err == "kg: error: parameter limit: expected an integer, got 'many'\n"
    code, _, err = kg("query", "run", "top-entities", "-p", "kind", "--graph", ingested)
    assert code == 2 and "expected -p key=value" in err
    code, _, err = kg("query", "run", "shared-methods", "-p", "paper=MiniPLM", "--graph", ingested)
    assert code == 1 and err.count("\n") == 1
    assert f"close: {MINIPLM_TITLE} ({MINIPLM})" in err


# -- kg query run ---------------------------------------------------------------------------------


def _all_formats(*args: object) -> list[dict[str, object]]:
    """The rows of a command in json; checked against its jsonl, csv and table output."""
    rows: list[dict[str, object]] = json.loads(ok(*args, "--format", "json"))
    assert [json.loads(line) for line in ok(*args, "--format", "jsonl").splitlines()] == rows
    table = ok(*args, "--format", "table").splitlines()
    parsed = list(csv.DictReader(io.StringIO(ok(*args, "--format", "csv"))))
    assert len(parsed) == len(rows) == len(table) - 2
    for row, text in zip(rows, parsed, strict=True):
        assert list(text) == list(row)
        for key, value in row.items():
            expected = (
                "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
            )
            assert text[key] == expected
    return rows


def test_query_run_on_the_embedded_store_in_every_format(ingested: Path) -> None:
    rows = _all_formats("query", "run", "shared-methods", "-p", f"paper={MINIPLM_TITLE}", "--graph", ingested)
    assert {r["paper"] for r in rows} == set(KD_PAPERS)
    top = _all_formats(
        "query", "run", "top-entities", "-p", "kind=family", "-p", "limit:=3", "--graph", ingested
    )
    assert [r["name"] for r in top] == ["Llama", "GPT", "BERT"]


@pytest.mark.neo4j
def test_query_run_gives_the_same_output_on_neo4j(ingested: Path, neo4j_sample: str) -> None:
    for name, params in (
        ("shared-methods", ["-p", f"paper={MINIPLM}"]),
        ("connection", ["-p", f"paper={MINIPLM}", "-p", f"other={COMPACT}"]),
        ("top-entities", ["-p", "kind=dataset", "-p", "since=2026-03"]),
    ):
        for fmt in ("table", "json", "csv"):
            args = ("query", "run", name, *params, "--format", fmt)
            assert ok(*args, "--store", neo4j_sample) == ok(*args, "--graph", ingested)


def test_every_header_example_runs(ingested: Path, tmp_path: Path) -> None:
    # The sample pages hold no method adopted after its proposal: method-adopters runs on a graph
    # of three papers where one is (tests/data/adopters.jsonl).
    adopters = tmp_path / "adopters.json"
    ok("ingest", str(ADOPTERS), "--graph", adopters)
    for query in list_queries():
        graph = adopters if query.name == "method-adopters" else ingested
        for example in query.examples:
            words = shlex.split(example)[1:]
            out = ok(*words, "--graph", graph)
            assert out.count("\n") >= 3, example


@pytest.mark.neo4j
def test_every_header_example_runs_on_neo4j(ingested: Path, neo4j_sample: str) -> None:
    for query in list_queries():
        if query.name == "method-adopters":  # its examples name tests/data/adopters.jsonl, not the sample
            continue
        for example in query.examples:
            words = shlex.split(example)[1:]
            assert ok(*words, "--store", neo4j_sample) == ok(*words, "--graph", ingested), example


# -- kg cypher ------------------------------------------------------------------------------------


def test_cypher_reads_with_parameters(ingested: Path) -> None:
    query = "MATCH (p:Paper) WHERE p.id = $id OR p.title = $title RETURN p.id AS id ORDER BY id"
    out = ok(
        "cypher", query, "-p", f"id={MINIPLM}", "-p", "title=x' OR 1=1 //", "--graph", ingested, "-f", "json"
    )
    assert json.loads(out) == [{"id": MINIPLM}]
    out = ok(
        "cypher",
        "MATCH (p:Paper) WHERE p.id IN $ids RETURN count(p) AS n",
        "-p",
        f'ids:=["{MINIPLM}", "x"]',
        "--graph",
        ingested,
        "--format",
        "csv",
    )
    assert out == "n\n1\n"


def test_cypher_refuses_writes_without_write(ingested: Path) -> None:
    before = ingested.read_bytes()
    for statement in (
        "MATCH (n) DETACH DELETE n",
        "MATCH (p:Paper) SET p.title = 'x' RETURN p.id",
        "CREATE (:Paper {id: 'x'})",
        "MERGE (m:Method {id: 'x'})",
        "MATCH (p:Paper) REMOVE p.title",
        "CALL apoc.create.node(['X'], {})",
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    ):
        code, out, err = kg("cypher", statement, "--graph", ingested)
        assert code == 2 and out == "" and err.count("\n") == 1, statement
        assert "writes" in err and "--write" in err, statement
    code, _, err = kg("cypher", "MATCH (n) DETACH DELETE n", "--write", "--graph", ingested)
    assert code == 2 and "read-only" in err
    assert ingested.read_bytes() == before


@pytest.mark.neo4j
def test_cypher_on_neo4j_reads_and_writes_only_with_write(neo4j_sample: str) -> None:
    count = "MATCH (n:Scratch) RETURN count(n) AS n"
    code, _, err = kg("cypher", "CREATE (:Scratch {id: $id})", "-p", "id=s1", "--store", neo4j_sample)
    assert code == 2 and "CREATE" in err
    assert json.loads(ok("cypher", count, "--store", neo4j_sample, "-f", "json")) == [{"n": 0}]
    ok(
        "cypher",
        "CREATE (s:Scratch {id: $id}) RETURN s.id AS id",
        "-p",
        "id=s1",
        "--write",
        "--store",
        neo4j_sample,
    )
    assert json.loads(ok("cypher", count, "--store", neo4j_sample, "-f", "json")) == [{"n": 1}]
    ok("cypher", "MATCH (s:Scratch) DELETE s", "--write", "--store", neo4j_sample)
    assert json.loads(ok("cypher", count, "--store", neo4j_sample, "-f", "json")) == [{"n": 0}]


def test_cypher_errors_are_one_line(ingested: Path) -> None:
    code, out, err = kg("cypher", "MATCH (p:Paper RETURN p", "--graph", ingested)
    assert code == 1 and out == "" and err.startswith("kg: error: ") and err.count("\n") == 1


# -- shortcuts ------------------------------------------------------------------------------------


def test_shared_methods_shortcut(ingested: Path) -> None:
    rows = json.loads(ok("shared-methods", MINIPLM_TITLE.lower(), "--graph", ingested, "--format", "json"))
    assert {r["paper"] for r in rows} == set(KD_PAPERS)
    assert all(r["methods"] == ["knowledge distillation"] and r["shared"] == 1 for r in rows)
    assert json.loads(ok("shared-methods", MINIPLM, "-k", "2", "--graph", ingested, "--format", "json")) == []
    table = ok("shared-methods", MINIPLM, "-n", "2", "--graph", ingested)
    assert table.splitlines()[0].split() == ["paper", "date", "shared", "title", "methods"]
    assert len(table.splitlines()) == 4


def test_method_shortcut(ingested: Path) -> None:
    report = json.loads(ok("method", "kd", "--graph", ingested, "--format", "json"))
    assert report["method"] == {
        "id": "method:knowledge-distillation",
        "name": "knowledge distillation",
        "aliases": ["KD", "Knowledge distillation"],
    }
    # Knowledge distillation is well established: papers that build on it use it, none proposes it.
    assert report["proposed_by"] == []
    assert {r["paper"] for r in report["used_by"]} == set(KD_PAPERS) | {MINIPLM}
    assert report["used_with"] and all(r["papers"] >= 1 for r in report["used_with"])
    table = ok("method", "Knowledge Distillation", "--graph", ingested)
    assert "proposed by (0)" in table and "used by (9)" in table
    assert "GLUE; SuperGLUE" in table
    rows = list(csv.DictReader(io.StringIO(ok("method", "KD", "--graph", ingested, "--format", "csv"))))
    assert [r["role"] for r in rows] == ["used"] * 9
    code, _, err = kg("method", "distilation", "--graph", ingested)
    assert code == 1 and "no method named 'distilation'; close:" in err
