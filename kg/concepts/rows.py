"""Concept nodes and ABOUT edges for the loader: what :mod:`kg.build` writes on ingest.

Linking uses the shipped vocabulary's document frequencies, so a new paper's weights need
nothing from the stored graph: ingest updates concepts without rebuilding anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.concepts.link import link
from kg.concepts.vocabulary import Vocabulary, shipped
from kg.model import Paper

EXTRACTOR = "kg_concepts"

Rows = tuple[dict[str, dict[str, Any]], list[tuple[str, str, dict[str, Any]]]]


def concept_rows(papers: Iterable[Paper], vocabulary: Vocabulary | None = None) -> Rows:
    """Concept node rows by id and ``(paper, concept, props)`` ABOUT edges for ``papers``.

    A concept that is a gazetteer entity is that entity's node (linked by the extractors), so
    it gets neither a Concept node nor an ABOUT edge here."""
    vocabulary = vocabulary or shipped()
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for paper in papers:
        for lk in link(paper.title, paper.abstract, vocabulary):
            concept = lk.concept
            if concept.entity is not None:
                continue
            nodes.setdefault(
                concept.id,
                {
                    "id": concept.id,
                    "name": concept.name,
                    "aliases": [f for f in concept.forms if f != concept.name],
                    "df": concept.df,
                    "idf": round(vocabulary.idf(concept), 6),
                },
            )
            edges.append(
                (
                    paper.id,
                    concept.id,
                    {
                        "weight": lk.weight,
                        "mentions": lk.count,
                        "evidence": lk.sentence,
                        "start": lk.start,
                        "end": lk.end,
                        "surface": lk.surface,
                        "extractor": EXTRACTOR,
                    },
                )
            )
    return nodes, edges
