"""Concepts in the stores: Concept nodes and ABOUT edges on ingest, similar-concepts, topics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import ingest
from kg.cli.main import app
from kg.concepts.graph_topics import list_topics, topics_of, write_topics
from kg.concepts.similar import ENTITY_WEIGHT, SimilarityIndex, combine, entity_vectors
from kg.concepts.topics import build_topics
from kg.model import Label, RelType
from kg.query.named import run_named_query
from kg.store.base import GraphStore
from kg.store.nx_store import NetworkXStore
from kg.view.topic import topic_view

PAPERS = [
    {
        "arxiv_id": "2601.00001",
        "title": "Learnable semi-structured sparsity for pruning",
        "abstract": "We study semi-structured sparsity and network pruning with a transformer. "
        "Semi-structured sparsity keeps accuracy after pruning.",
    },
    {
        "arxiv_id": "2601.00002",
        "title": "Pruning with semi-structured sparsity at scale",
        "abstract": "Network pruning and semi-structured sparsity make inference cheap; we evaluate pruning.",
    },
    {
        "arxiv_id": "2601.00003",
        "title": "Reward hacking in preference optimization",
        "abstract": "We measure reward hacking with a transformer and reinforcement learning from human feedback.",
    },
    {
        "arxiv_id": "2601.00004",
        "title": "Mitigating reward hacking",
        "abstract": "Reward hacking undermines reinforcement learning from human feedback; we mitigate reward hacking.",
    },
]


def _write(path: Path) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    return path


def test_ingest_writes_concepts_and_reingest_changes_nothing(store: GraphStore, tmp_path: Path) -> None:
    source = _write(tmp_path / "papers.jsonl")
    ingest(store, [source])
    stats = store.stats()
    assert stats.nodes[Label.CONCEPT.value] > 0 and stats.edges[RelType.ABOUT.value] > 0
    about = list(store.iter_edges(RelType.ABOUT))
    assert all(0 < e.props["weight"] <= 1 and e.props["extractor"] == "kg_concepts" for e in about)
    concepts = {n.id: n for n in store.iter_nodes(Label.CONCEPT)}
    assert "concept:reward-hacking" in concepts and concepts["concept:reward-hacking"].props["df"] > 0
    ingest(store, [source])
    assert store.stats() == stats
    assert list(store.iter_edges(RelType.ABOUT)) == about


def test_similar_concepts_ranks_papers_about_the_same_rare_things_first(
    store: GraphStore, tmp_path: Path
) -> None:
    ingest(store, [_write(tmp_path / "papers.jsonl")])
    rows = run_named_query(store, "similar-concepts", {"paper": "2601.00001"})
    assert rows[0]["paper"] == "2601.00002"
    assert rows[0]["score"] > (rows[1]["score"] if len(rows) > 1 else 0)
    assert "semi structured" in " ".join(rows[0]["shared"]).lower().replace("-", " ")
    rows = run_named_query(store, "similar-concepts", {"paper": "2601.00003"})
    assert rows[0]["paper"] == "2601.00004"


def test_topics_have_stable_ids_and_labels(store: GraphStore, tmp_path: Path) -> None:
    ingest(store, [_write(tmp_path / "papers.jsonl")])
    first = topics_of(store, min_papers=2)
    assert first and first == topics_of(store, min_papers=2)  # the same graph gives the same topics and ids
    write_topics(store, first)
    listed = list_topics(store)
    assert [row["id"] for row in listed] == [t.id for t in first]
    assert all(row["label"] and row["size"] >= 1 for row in listed)
    in_topic = list(store.iter_edges(RelType.IN_TOPIC))
    assert {e.source for e in in_topic} <= {p["arxiv_id"] for p in PAPERS}
    write_topics(store, topics_of(store, min_papers=2))
    assert list(store.iter_edges(RelType.IN_TOPIC)) == in_topic


def test_kg_topics_lists_and_builds(tmp_path: Path) -> None:
    graph = tmp_path / "graph.json"
    ingest(NetworkXStore(graph), [_write(tmp_path / "papers.jsonl")])
    runner = CliRunner()
    empty = runner.invoke(app, ["topics", "--graph", str(graph), "--format", "json"])
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []
    built = runner.invoke(
        app, ["topics", "--build", "--min-papers", "2", "--graph", str(graph), "--format", "json"]
    )
    assert built.exit_code == 0, built.output
    rows = json.loads(built.stdout)
    assert rows and all({"id", "size", "label"} <= set(row) for row in rows)
    missing = runner.invoke(app, ["topics", "--graph", str(tmp_path / "nope.json")])
    assert missing.exit_code != 0 and "kg: error:" in missing.output


def test_topic_labels_name_entities_as_well_as_concepts() -> None:
    links = {
        "p1": {"concept:pruning": 0.9, "concept:sparsity": 0.4},
        "p2": {"concept:pruning": 0.8, "concept:sparsity": 0.5},
        "p3": {"concept:pruning": 0.7},
        "q1": {"concept:reward-hacking": 0.9},
        "q2": {"concept:reward-hacking": 0.9},
        "q3": {"concept:reward-hacking": 0.8},
    }
    named = {
        "p1": {"dataset:c4", "model:gpt-4"},
        "p2": {"dataset:c4", "model:gpt-4"},
        "p3": {"model:gpt-4"},
        "q1": {"method:rlhf", "model:gpt-4"},
        "q2": {"method:rlhf", "model:gpt-4"},
        "q3": {"model:gpt-4"},
    }
    names = {"dataset:c4": "C4", "model:gpt-4": "GPT-4", "method:rlhf": "RLHF", "concept:pruning": "pruning"}
    topics = build_topics(links, names, min_papers=2, entities=named)
    labels = {t.label for t in topics}
    assert any(label.startswith("pruning") and label.endswith("; C4") for label in labels), labels
    assert all("GPT-4" not in label for label in labels)  # named by every paper: no label
    assert [t.id for t in topics] == [t.id for t in build_topics(links, names, min_papers=2)]  # ids: concepts


def test_kg_view_topic_draws_its_papers_concepts_and_entities(tmp_path: Path) -> None:
    graph = tmp_path / "graph.json"
    ingest(NetworkXStore(graph), [_write(tmp_path / "papers.jsonl")])
    runner = CliRunner()
    built = runner.invoke(
        app, ["topics", "--build", "--min-papers", "2", "--graph", str(graph), "--format", "json"]
    )
    topic = json.loads(built.stdout)[0]
    page = tmp_path / "topic.html"
    for ref in (topic["id"], topic["id"].removeprefix("topic:"), topic["label"].upper()):
        drawn = runner.invoke(app, ["view", "--topic", ref, "--graph", str(graph), "-o", str(page)])
        assert drawn.exit_code == 0, drawn.output
        assert drawn.stdout.startswith(f"{page}: ")
    html = page.read_text(encoding="utf-8")
    assert f"Topic: {topic['label']}" in html and "IN_TOPIC" in html and "ABOUT" in html
    view = topic_view(NetworkXStore(graph), topic["id"], max_nodes=300)
    papers = [n for n in view.nodes if n.label is Label.PAPER]
    assert len(papers) == topic["size"] and view.centres == [topic["id"]]
    assert {n.label for n in view.nodes} >= {Label.TOPIC, Label.PAPER, Label.CONCEPT}
    small = topic_view(NetworkXStore(graph), topic["id"], max_nodes=3)
    assert len(small.nodes) <= 3 and small.note and "Paper" in small.note
    miss = runner.invoke(app, ["view", "--topic", "no such topic at all", "--graph", str(graph)])
    assert miss.exit_code != 0 and miss.output.startswith("kg: error: no topic named")
    both = runner.invoke(
        app, ["view", "--topic", topic["id"], "--paper", "2601.00001", "--graph", str(graph)]
    )
    assert both.exit_code != 0 and "exactly one" in both.output


def test_kg_view_topic_on_a_graph_without_topics_says_how_to_build_them(tmp_path: Path) -> None:
    graph = tmp_path / "graph.json"
    ingest(NetworkXStore(graph), [_write(tmp_path / "papers.jsonl")])
    result = CliRunner().invoke(app, ["view", "--topic", "anything", "--graph", str(graph)])
    assert result.exit_code != 0 and "kg topics --build" in result.output


def test_similar_concepts_ranks_as_the_python_similarity_index(store: GraphStore, tmp_path: Path) -> None:
    """The query and :mod:`kg.concepts.similar` (what the benches measure) give the same scores."""
    ingest(store, [_write(tmp_path / "papers.jsonl")])
    about: dict[str, dict[str, float]] = {}
    for edge in store.iter_edges(RelType.ABOUT):
        about.setdefault(edge.source, {})[edge.target] = float(edge.props["weight"])
    named: dict[str, set[str]] = {node.id: set() for node in store.iter_nodes(Label.PAPER)}
    for rel in (RelType.PROPOSES, RelType.USES, RelType.INTRODUCES, RelType.EVALUATES_ON, RelType.ADDRESSES):
        for edge in store.iter_edges(rel):
            named[edge.source].add(edge.target)
    index = SimilarityIndex(combine(about, entity_vectors(named, ENTITY_WEIGHT)))
    for paper in sorted(named):
        rows = run_named_query(store, "similar-concepts", {"paper": paper})
        expected = [
            (other, round(score, 4)) for other, score in index.similar(paper, 10) if round(score, 4) > 0
        ]
        got = [(row["paper"], row["score"]) for row in rows if row["score"] > 0]
        assert [p for p, _ in got] == [p for p, _ in expected], paper
        assert [s for _, s in got] == pytest.approx([s for _, s in expected], abs=1e-4), paper


def test_similar_papers_without_concepts_ranks_by_weighted_shared_entities(store: GraphStore) -> None:
    """A graph with no Concept yet: similar-papers falls back to the entity terms, rare ones first."""
    papers = [f"2602.0000{i}" for i in range(1, 7)]
    store.upsert_nodes(Label.PAPER, ({"id": p, "title": f"Paper {p}"} for p in papers))
    store.upsert_nodes(
        Label.METHOD,
        [
            {"id": "method:transformer", "name": "Transformer"},
            {"id": "method:pruning", "name": "pruning"},
        ],
    )
    store.upsert_nodes(Label.DATASET, [{"id": "dataset:mmlu", "name": "MMLU"}])
    uses = {
        papers[0]: ["method:transformer", "method:pruning"],
        papers[1]: ["method:transformer", "method:pruning"],
        papers[2]: ["method:transformer"],
        papers[3]: ["method:transformer"],
        papers[4]: ["method:transformer"],
    }
    store.upsert_edges(RelType.USES, [(p, m, {}) for p, ms in uses.items() for m in ms])
    store.upsert_edges(
        RelType.EVALUATES_ON, [(papers[0], "dataset:mmlu", {}), (papers[5], "dataset:mmlu", {})]
    )
    store.commit()
    assert store.stats().nodes.get(Label.CONCEPT.value, 0) == 0
    named = {p: set(uses.get(p, [])) for p in papers}
    named[papers[0]].add("dataset:mmlu")
    named[papers[5]].add("dataset:mmlu")
    index = SimilarityIndex(entity_vectors(named, ENTITY_WEIGHT))
    rows = run_named_query(store, "similar-papers", {"paper": papers[0]})
    assert [row["paper"] for row in rows] == [other for other, _ in index.similar(papers[0], 10)]
    assert [row["score"] for row in rows] == pytest.approx(
        [score for _, score in index.similar(papers[0], 10)], abs=1e-4
    )
    # pruning (2 of 6 papers) and MMLU (2 of 6) count alike; Transformer (5 of 6) far less
    assert rows[0]["paper"] in (papers[1], papers[5]) and rows[0]["score"] > rows[2]["score"] > 0
    assert rows[0]["shared"] == ["Transformer", "pruning"] and rows[0]["count"] == 2
    assert rows == run_named_query(store, "similar-concepts", {"paper": papers[0]})
