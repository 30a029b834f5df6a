"""``kg entity`` (and ``kg dataset|task|model``) and the entity queries, on the sample graph in the
embedded store and in a real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from query_helpers import COMPACT, KD_PAPERS, MINIPLM, embedded_cypher_or_skip, load_sample
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import NotFoundError
from kg.model import Label, RelType
from kg.query.entity import entity_report
from kg.query.named import run_named_query
from kg.store.nx_store import NetworkXStore

runner = CliRunner()


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample_nx(ingested: Path) -> NetworkXStore:
    return NetworkXStore(ingested, create=False)


def test_a_method_report_lists_every_paper_with_evidence(sample_nx: NetworkXStore) -> None:
    report = entity_report(sample_nx, "KD")
    assert report["entity"]["id"] == "method:knowledge-distillation"
    rows = report["proposed_by"] + report["papers"]
    assert {r["paper"] for r in rows} == set(KD_PAPERS) | {MINIPLM}
    assert report["entity"]["papers"] == len(KD_PAPERS) + 1
    assert all(r["evidence"] and r["relation"] in ("proposes", "uses") for r in rows)
    dates = [r["date"] for r in report["papers"]]
    assert dates == sorted(dates) and report["entity"]["first"] == min(r["date"] for r in rows)
    cooccurring = {r["name"]: r["papers"] for r in report["cooccurring"]}
    assert cooccurring["language modeling"] >= 2  # what the extraction finds beside it in the sample
    assert "knowledge distillation" not in cooccurring


def test_a_dataset_report_and_the_counts_match_the_edges(sample_nx: NetworkXStore) -> None:
    report = entity_report(sample_nx, "mmlu", kind="dataset")
    assert report["entity"]["name"] == "MMLU" and report["entity"]["type"] == "Dataset"
    evaluated = {e.source for e in sample_nx.iter_edges(RelType.EVALUATES_ON) if e.target == "dataset:mmlu"}
    assert {r["paper"] for r in report["papers"]} == evaluated and COMPACT in evaluated
    assert all(r["relation"] == "evaluates on" for r in report["papers"])
    by_type = [r["type"] for r in report["cooccurring"]]
    assert by_type == sorted(
        by_type,
        key=[
            label.value
            for label in (
                Label.METHOD,
                Label.DATASET,
                Label.MODEL_FAMILY,
                Label.TASK,
                Label.REPO,
                Label.MODEL,
                Label.METRIC,
            )
        ].index,
    )
    assert max(sum(1 for t in by_type if t == kind) for kind in set(by_type)) <= 5


def test_a_family_counts_the_papers_of_its_models(sample_nx: NetworkXStore) -> None:
    report = entity_report(sample_nx, "Llama", kind="family")
    assert report["entity"]["papers"] == 39  # as top-entities counts it
    assert all(r["via"] for r in report["papers"])  # each row names the model the paper mentions


def test_a_miss_under_one_type_names_the_type_it_has(sample_nx: NetworkXStore) -> None:
    with pytest.raises(NotFoundError, match=r"^no method named 'MMLU'; MMLU is a dataset \(dataset:mmlu\)$"):
        entity_report(sample_nx, "MMLU", kind="method")
    with pytest.raises(
        NotFoundError,
        match=r"^no task named 'knowledge distilation'; close: knowledge distillation \(method\)",
    ):
        entity_report(sample_nx, "knowledge distilation", kind="task")
    with pytest.raises(NotFoundError, match="unknown entity type 'gadget'"):
        entity_report(sample_nx, "MMLU", kind="gadget")


def test_the_timeline_counts_the_papers_of_the_report(sample_nx: NetworkXStore) -> None:
    store = embedded_cypher_or_skip(sample_nx)
    for name in ("knowledge distillation", "Llama", "MMLU"):
        report = entity_report(store, name)
        months = run_named_query(store, "entity-timeline", {"entity": name})
        dated = {r["paper"] for r in report["proposed_by"] + report["papers"] if r["date"]}
        assert sum(m["papers"] for m in months) == len(dated), name


def test_methods_for_a_task_match_the_edges(sample_nx: NetworkXStore) -> None:
    store = embedded_cypher_or_skip(sample_nx)
    rows = run_named_query(store, "methods-for-task", {"task": "question answering", "limit": 100})
    addressing = {
        e.source for e in sample_nx.iter_edges(RelType.ADDRESSES) if e.target == "task:question-answering"
    }
    expected: dict[str, int] = {}
    for rel in (RelType.PROPOSES, RelType.USES):
        seen = {(e.source, e.target) for e in sample_nx.iter_edges(rel) if e.source in addressing}
        for _, method in seen:
            expected[method] = expected.get(method, 0)
    pairs = {(e.source, e.target) for r in (RelType.PROPOSES, RelType.USES) for e in sample_nx.iter_edges(r)}
    for method in expected:
        expected[method] = sum(1 for p in addressing if (p, method) in pairs)
    assert {r["id"]: r["papers"] for r in rows} == expected


@pytest.mark.neo4j
def test_the_report_is_the_same_on_neo4j(
    neo4j_target: Neo4jTarget, ingested: Path, sample_nx: NetworkXStore
) -> None:
    store = neo4j_target.open()
    try:
        load_sample(store, ingested)
        for name, kind in (("KD", None), ("MMLU", "dataset"), ("Llama", None), ("language modeling", "task")):
            assert entity_report(store, name, kind=kind) == entity_report(sample_nx, name, kind=kind), name
    finally:
        store.close()


def test_kg_entity_and_the_typed_commands(ingested: Path) -> None:
    graph = ["--store", f"nx:{ingested}"]
    code, out, err = kg("entity", "MMLU", *graph)
    assert code == 0, err
    assert out.startswith(
        "dataset  MMLU (dataset:mmlu)\naliases  Massive Multitask Language Understanding\npapers   5 ("
    )
    assert "\nused by (5)\n" in out and "evaluates on" in out and "\nappears with (" in out
    assert kg("dataset", "MMLU", *graph)[1] == out
    code, _, err = kg("task", "MMLU", *graph)
    assert code == 1 and err == "kg: error: no task named 'MMLU'; MMLU is a dataset (dataset:mmlu)\n"
    code, _, err = kg("method", "MMLU", *graph)
    assert code == 1 and "MMLU is a dataset" in err
    code, out, _ = kg("model", "Llama-2", "--format", "jsonl", *graph)
    assert code == 0 and all('"relation": "mentions"' in line for line in out.splitlines())
    code, out, _ = kg("entity", "KD", "-t", "method", "--with", "0", "--format", "json", *graph)
    assert code == 0 and '"cooccurring": []' in out
