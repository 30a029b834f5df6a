"""``kg find`` and the close-name answers of every command that takes a paper or an entity, on the
sample graph in the embedded store and in a real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_helpers import MASKLLM, MASKLLM_TITLE, MINIPLM, MINIPLM_TITLE, load_sample
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import NotFoundError
from kg.model import Label
from kg.query.finder import SearchError, find, score
from kg.resolve_names import resolve_entity, resolve_paper_id
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


def test_find_ranks_an_exact_name_first_and_the_paper_by_its_title(sample_nx: NetworkXStore) -> None:
    hits = find(sample_nx, "maskllm")
    assert {(h.node.label, h.node.id) for h in hits[:4]} >= {
        (Label.PAPER, MASKLLM),
        (Label.METHOD, "method:maskllm"),
    }
    assert all(h.score >= 300 for h in hits[:4])  # exact names and the title that starts with it
    assert hits[0].name == "MaskLLM"
    paper = next(h for h in hits if h.node.id == MASKLLM)
    assert paper.name == MASKLLM_TITLE and paper.papers == 1


def test_find_matches_aliases_misspellings_and_counts_papers(sample_nx: NetworkXStore) -> None:
    kd = find(sample_nx, "KD", labels=[Label.METHOD])[0]
    assert kd.node.id == "method:knowledge-distillation" and kd.matched == "KD" and kd.papers == 9
    typo = find(sample_nx, "knowledge distilation")[0]
    assert typo.node.id == "method:knowledge-distillation"
    llama = find(sample_nx, "llama", limit=3)
    assert llama[0].node.id == "family:llama" and llama[0].papers == 39  # the family, through its models
    assert find(sample_nx, "MMLU")[0].node.label is Label.DATASET


def test_find_is_ordered_and_deterministic(sample_nx: NetworkXStore) -> None:
    hits = find(sample_nx, "language", limit=None)
    assert len(hits) > 20
    keys = [(-h.score, -h.papers, h.node.id) for h in hits]
    assert keys == sorted(keys)
    assert [h.node.id for h in find(sample_nx, "language", limit=None)] == [h.node.id for h in hits]


def test_find_refuses_empty_and_overlong_text(sample_nx: NetworkXStore) -> None:
    with pytest.raises(SearchError, match="empty"):
        find(sample_nx, "   ")
    with pytest.raises(SearchError, match="at most 200"):
        find(sample_nx, "x" * 5000)


@given(st.text(max_size=40), st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_score_is_bounded_and_exact_wins(query: str, text: str) -> None:
    value = score(query, text)
    assert 0 <= value <= 400
    if query:
        assert score(query, query) == 400 and value <= 400


@pytest.mark.neo4j
def test_find_answers_the_same_on_neo4j(
    neo4j_target: Neo4jTarget, ingested: Path, sample_nx: NetworkXStore
) -> None:
    store = neo4j_target.open()
    try:
        load_sample(store, ingested)
        for text in ("maskllm", "KD", "llama", "preference optimisation"):
            assert [h.row() for h in find(store, text)] == [h.row() for h in find(sample_nx, text)], text
    finally:
        store.close()


# -- misses answer with the closest names or the type the name has -----------------------------


def test_a_paper_miss_suggests_titles(sample_nx: NetworkXStore) -> None:
    with pytest.raises(NotFoundError, match=rf"no paper .*'maskllm'; close: {MASKLLM_TITLE} \({MASKLLM}\)"):
        resolve_paper_id(sample_nx, "maskllm")


def test_an_entity_under_another_type_is_named(sample_nx: NetworkXStore) -> None:
    with pytest.raises(NotFoundError, match=r"no method named 'MMLU'; MMLU is a dataset \(dataset:mmlu\)$"):
        resolve_entity(sample_nx, "method", "MMLU")
    with pytest.raises(NotFoundError, match=r"no dataset named 'KD'; knowledge distillation is a method"):
        resolve_entity(sample_nx, "dataset", "KD")


def test_every_command_answers_a_miss_with_close_names(ingested: Path) -> None:
    graph = ["--store", f"nx:{ingested}"]
    cases = [
        (["show", "maskllm"], f"close: {MASKLLM_TITLE} ({MASKLLM})"),
        (["shared-methods", "miniplm"], f"close: {MINIPLM_TITLE} ({MINIPLM})"),
        (["method", "MMLU"], "MMLU is a dataset (dataset:mmlu)"),
        (["method", "knowledge distilation"], "close: knowledge distillation"),
        (["query", "run", "papers-using-method", "-p", "method=distilation"], "close: distillation"),
        (["view", "--paper", "miniplm", "-o", "x.html"], f"close: {MINIPLM_TITLE}"),
    ]
    for args, expected in cases:
        code, _, err = kg(*args, *graph)
        assert code == 1 and expected.lower() in err.lower(), (args, err)
        assert err.count("\n") == 1 and "Traceback" not in err


def test_kg_find_prints_type_name_papers_and_id(ingested: Path) -> None:
    code, out, err = kg("find", "knowledge distillation", "-n", "3", "--store", f"nx:{ingested}")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["type", "name", "papers", "id"]
    assert lines[2].split() == ["Method", "knowledge", "distillation", "9", "method:knowledge-distillation"]
    assert len(lines) == 5
    code, out, _ = kg("find", "KD", "--type", "method", "--format", "jsonl", "--store", f"nx:{ingested}")
    assert code == 0 and '"matched": "KD"' in out.splitlines()[0]
    code, _, err = kg("find", "KD", "--type", "gadget", "--store", f"nx:{ingested}")
    assert code == 2 and "unknown type 'gadget'" in err
