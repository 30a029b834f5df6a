"""Short forms defined in one ingest link papers of a later ingest that only use them."""

from __future__ import annotations

import json
from pathlib import Path

from kg.build import ingest
from kg.model import Label, RelType
from kg.store.nx_store import NetworkXStore


def _records(path: Path, *papers: tuple[str, str]) -> Path:
    path.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers))
    return path


def test_a_later_paper_using_only_the_short_form_links_to_the_defined_node(tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "graph.json")
    first = _records(
        tmp_path / "first.jsonl",
        ("Pruning without training", "We propose Dynamic Sparse No Training (DSnoT) for sparse LLMs."),
    )
    ingest(store, [first])
    later = _records(
        tmp_path / "later.jsonl", ("Sparse models at scale", "We compare Wanda and DSnoT on LLaMA-2-7B.")
    )
    ingest(store, [later])
    (paper,) = [n for n in store.iter_nodes(Label.PAPER) if n.props["title"] == "Sparse models at scale"]
    uses = [e.target for e in store.edges_of(paper.id) if e.type is RelType.USES]
    assert "method:dynamic-sparse-no-training" in uses


def test_a_common_acronym_one_paper_defines_oddly_is_not_linked_everywhere(tmp_path: Path) -> None:
    """One paper's "object-object distinguishing (OOD)" does not turn every OOD into that method."""
    store = NetworkXStore(tmp_path / "graph.json")
    papers = [("Layouts", "We propose Object-Object Distinguishing (OOD) for scene layouts.")]
    papers += [
        (f"Robustness {i}", f"We study OOD generalization of classifiers, setting {i}.") for i in range(5)
    ]
    ingest(store, [_records(tmp_path / "batch.jsonl", *papers)])
    users = [n for n in store.iter_nodes(Label.PAPER) if n.props["title"].startswith("Robustness")]
    for paper in users:
        assert not [e for e in store.edges_of(paper.id) if e.type is RelType.USES]
