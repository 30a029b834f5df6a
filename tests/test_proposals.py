"""The first paper to name a method or dataset proposes it; later "proposals" of it are uses."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from kg.build import ingest
from kg.model import Label, RelType
from kg.proposals import _ROLED_RELS, earliest_users
from kg.sample import SAMPLE_LISTING_YEAR
from kg.store import open_store
from kg.store.base import GraphStore, paper_date
from kg.store.incremental import IncrementalStore
from kg.store.nx_store import NetworkXStore


def _records(path: Path, *papers: tuple[str, str, str]) -> Path:
    path.write_text(
        "".join(json.dumps({"title": t, "abstract": a, "published": d}) + "\n" for t, a, d in papers)
    )
    return path


def _roles(store: NetworkXStore, target: str) -> dict[str, str]:
    titles = {n.id: n.props["title"] for n in store.iter_nodes(Label.PAPER)}
    return {
        titles[e.source]: e.type.value
        for e in store.edges_of(target)
        if e.type in (RelType.PROPOSES, RelType.USES) and e.target == target
    }


def test_a_later_paper_in_the_same_batch_uses_what_an_earlier_one_proposed(tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "graph.json")
    ingest(
        store,
        [
            _records(
                tmp_path / "batch.jsonl",
                ("QuillNet: Sparse Writing", "We propose QuillNet, a sparse writing model.", "2025-01-10"),
                ("QuillNet Revisited", "We present QuillNet, an analysis of sparse writing.", "2025-06-01"),
            )
        ],
    )
    assert _roles(store, "method:quillnet") == {
        "QuillNet: Sparse Writing": "PROPOSES",
        "QuillNet Revisited": "USES",
    }


def test_the_stored_graph_counts_too_and_reingest_changes_nothing(tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "graph.json")
    first = _records(
        tmp_path / "a.jsonl",
        ("QuillNet: Sparse Writing", "We propose QuillNet, a sparse writing model.", "2025-01-10"),
    )
    later = _records(
        tmp_path / "b.jsonl",
        ("QuillNet Revisited", "We present QuillNet, an analysis of sparse writing.", "2025-06-01"),
    )
    ingest(store, [first])
    ingest(store, [later])
    assert _roles(store, "method:quillnet")["QuillNet Revisited"] == "USES"
    before = (tmp_path / "graph.json").read_bytes()
    ingest(store, [first, later])
    assert (tmp_path / "graph.json").read_bytes() == before


def _per_entity(store: GraphStore, targets: Iterable[str]) -> dict[str, str]:
    """The answer as it was computed before the batched read: one entity at a time."""
    earliest: dict[str, str] = {}
    for target in targets:
        sources = {e.source for e in store.edges_of(target) if e.type in _ROLED_RELS and e.target == target}
        papers = store.get_nodes(Label.PAPER, sources).values()
        dates = [d for node in papers if (d := paper_date(node.props))]
        if dates:
            earliest[target] = min(dates)
    return earliest


def _targets(store: GraphStore) -> list[str]:
    ids = [n.id for label in (Label.METHOD, Label.DATASET) for n in store.iter_nodes(label)]
    return [*ids, "method:no-such-method", "paper:not-an-entity"]


def test_the_batched_answer_is_the_per_entity_answer(store: GraphStore, sample: list[Path]) -> None:
    ingest(store, sample, listing_year=SAMPLE_LISTING_YEAR)
    targets = _targets(store)
    batched = earliest_users(store, targets)
    assert len(batched) > 50
    assert batched == _per_entity(store, targets)
    assert earliest_users(store, []) == {}


def test_the_batched_answer_counts_writes_not_committed_yet(ingested: Path, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    shutil.copy(ingested, path)
    for reader in (open_store(path, create=False), open_store(path)):
        targets = _targets(reader)
        assert earliest_users(reader, targets) == _per_entity(reader, targets)
    store = open_store(path)
    assert isinstance(store, IncrementalStore)
    targets = _targets(store)
    method, dataset = targets[0], next(t for t in targets if t.startswith("dataset:"))
    stored_user = next(e.source for e in store.edges_of(method) if e.type in _ROLED_RELS)
    store.upsert_nodes(Label.PAPER, [{"id": "paper:early", "title": "Early", "published": "1999-01-01"}])
    store.upsert_nodes(Label.PAPER, [{"id": stored_user, "published": "1998-05-05"}])
    store.upsert_edges(RelType.USES, [("paper:early", method, {})])
    store.upsert_edges(RelType.INTRODUCES, [("paper:early", dataset, {})])
    batched = earliest_users(store, targets)
    assert batched[method] == "1998-05-05" and batched[dataset] == "1999-01-01"
    assert batched == _per_entity(store, targets)
