"""Similarity of papers by weighted shared concepts and entities (an inverted index in memory).

Each paper is a vector of concept weights (TF-IDF times specificity, L2-normalised: see
:mod:`kg.concepts.link`) and of entity weights (:func:`entity_vectors`); two papers' similarity is
the dot product, so a rare, field-specific shared concept counts far more than a common one.
The stores compute the same sum in Cypher (``queries/similar-concepts.cypher``); this index serves
benchmarks.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

ENTITY_WEIGHT = 0.5
"""What a shared method, dataset or task adds: ``ENTITY_WEIGHT * (log(N/df) / log N) ** 2`` (N
papers, df papers naming it), as ``queries/similar-concepts.cypher`` computes it; tuned by
``bench/tune_similarity.py``."""


def entity_vectors(
    entities: Mapping[str, Iterable[str]], weight: float = ENTITY_WEIGHT
) -> dict[str, dict[str, float]]:
    """Each paper's entities as a vector whose dot products are the query's entity terms:
    ``sqrt(weight) * log(N/df) / log N`` each (N: the papers of ``entities``)."""
    named = {paper: set(ids) for paper, ids in entities.items()}
    total = len(named)
    df = Counter(e for ids in named.values() for e in ids)
    scale = math.sqrt(weight) / math.log(total) if total > 1 else 0.0
    return {paper: {e: scale * math.log(total / df[e]) for e in sorted(ids)} for paper, ids in named.items()}


def combine(*vectors: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """The union of several papers' vectors (their features are distinct ids)."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for part in vectors:
        for paper, vector in part.items():
            out[paper].update(vector)
    return dict(out)


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
