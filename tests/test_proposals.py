"""The first paper to name a method or dataset proposes it; later "proposals" of it are uses."""

from __future__ import annotations

import json
from pathlib import Path

from kg.build import ingest
from kg.model import Label, RelType
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
