"""The embedded store: upserts, reads, atomic saves that survive a crash mid-write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import GraphFileError, StoreError
from kg.model import Label, RelType
from kg.store.nx_store import NetworkXStore


def _small(path: Path) -> NetworkXStore:
    store = NetworkXStore(path)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "One"}, {"id": "p2", "title": "Two"}])
    store.upsert_nodes(Label.METHOD, [{"id": "method:dpo", "name": "DPO", "aliases": ["DPO"]}])
    store.upsert_edges(
        RelType.USES, [("p1", "method:dpo", {"evidence": "We use DPO.", "start": 7, "end": 10})]
    )
    store.upsert_edges(RelType.PROPOSES, [("p2", "method:dpo", {"evidence": "We propose DPO."})])
    return store


def test_upserts_are_idempotent_and_merge_properties(graph_path: Path) -> None:
    store = _small(graph_path)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "upvotes": 3}])
    store.upsert_edges(RelType.USES, [("p1", "method:dpo", {"confidence": 0.9})])
    assert store.stats().nodes["Paper"] == 2
    assert store.stats().edges == {**{r.value: 0 for r in RelType}, "USES": 1, "PROPOSES": 1}
    assert store.get_nodes(Label.PAPER, ["p1"])["p1"].props == {"title": "One", "upvotes": 3}
    _, uses = store.edges_of("method:dpo")
    assert uses.props == {"evidence": "We use DPO.", "start": 7, "end": 10, "confidence": 0.9}


def test_reads_are_ordered(graph_path: Path) -> None:
    store = _small(graph_path)
    assert [e.type for e in store.edges_of("method:dpo")] == [RelType.PROPOSES, RelType.USES]
    sub = store.neighbourhood("p1", hops=2)
    assert [n.id for n in sub.nodes] == ["method:dpo", "p1", "p2"]
    assert [(e.source, e.type) for e in sub.edges] == [("p2", RelType.PROPOSES), ("p1", RelType.USES)]
    assert store.find_nodes(Label.PAPER, "title", ["Two", "Nope"]) == {"Two": "p2"}


def test_edges_need_both_ends_and_labels_stay(graph_path: Path) -> None:
    store = _small(graph_path)
    with pytest.raises(StoreError, match="missing node"):
        store.upsert_edges(RelType.USES, [("p1", "method:nope", {})])
    with pytest.raises(StoreError, match="is a Paper"):
        store.upsert_nodes(Label.METHOD, [{"id": "p1"}])


def test_commit_round_trips_and_is_deterministic(graph_path: Path) -> None:
    store = _small(graph_path)
    store.commit()
    first = graph_path.read_bytes()
    again = NetworkXStore(graph_path)
    assert again.stats() == store.stats()
    again.commit()
    assert graph_path.read_bytes() == first


def test_a_crash_mid_save_leaves_the_previous_graph(graph_path: Path) -> None:
    store = _small(graph_path)
    store.commit()
    before = graph_path.read_bytes()
    # A value json cannot encode fails the dump half-way through writing the temporary file.
    store.upsert_nodes(Label.PAPER, [{"id": "p3", "title": object()}])
    with pytest.raises(TypeError):
        store.commit()
    assert graph_path.read_bytes() == before
    assert sorted(p.name for p in graph_path.parent.iterdir()) == ["graph.json"]
    assert NetworkXStore(graph_path).stats().nodes["Paper"] == 2


def test_a_corrupt_graph_file_is_named(graph_path: Path) -> None:
    graph_path.parent.mkdir(parents=True)
    graph_path.write_text('{"nodes": [')
    with pytest.raises(GraphFileError, match=r"graph\.json: not a readable graph file"):
        NetworkXStore(graph_path)
    graph_path.write_text(json.dumps({"nodes": []}))
    with pytest.raises(GraphFileError, match="not a paper-kg graph file"):
        NetworkXStore(graph_path)


def test_a_missing_graph_is_an_error_for_readers(graph_path: Path) -> None:
    with pytest.raises(GraphFileError, match="kg ingest"):
        NetworkXStore(graph_path, create=False)
