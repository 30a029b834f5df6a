"""Similarity of papers by weighted shared concepts and entities (an inverted index in memory).

Each paper is a vector of concept and entity weights (TF-IDF, L2-normalised: see
:mod:`kg.concepts.link`); two papers' similarity is the dot product (cosine), so a rare shared
concept counts far more than a common one. The stores compute the same sum in Cypher
(``queries/similar-concepts.cypher``); this index serves benchmarks and topic building.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping


class SimilarityIndex:
    """Papers' weighted concept vectors and the postings of every concept."""

    def __init__(self, vectors: Mapping[str, Mapping[str, float]]) -> None:
        self.vectors = {paper: dict(vector) for paper, vector in vectors.items()}
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for paper in sorted(self.vectors):
            for concept, weight in self.vectors[paper].items():
                self.postings[concept].append((paper, weight))

    def similar(self, paper: str, limit: int = 10) -> list[tuple[str, float]]:
        """The ``limit`` papers most like ``paper``: (paper, score), best first, ties by id."""
        scores: dict[str, float] = defaultdict(float)
        for concept, weight in self.vectors.get(paper, {}).items():
            for other, other_weight in self.postings[concept]:
                if other != paper:
                    scores[other] += weight * other_weight
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]

    def similar_many(self, papers: Iterable[str], limit: int = 10) -> dict[str, list[tuple[str, float]]]:
        return {paper: self.similar(paper, limit) for paper in papers}
