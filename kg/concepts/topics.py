"""Topics: Louvain communities of the weighted paper-concept graph, labelled by their top concepts.

Papers and concepts are the nodes, ``ABOUT`` weights the edges; ``networkx``'s Louvain with a
fixed seed over nodes and edges added in sorted order gives the same communities for the same
graph, and a topic's id is derived from its label concepts, so re-runs give the same ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.ids import stable_hash

SEED = 7
MIN_PAPERS = 3
LABEL_CONCEPTS = 3


@dataclass(frozen=True, slots=True)
class Topic:
    """A community: its papers, its concepts ranked by weight within it, a label and a stable id."""

    id: str
    label: str
    papers: tuple[str, ...]
    concepts: tuple[tuple[str, float], ...]

    @property
    def size(self) -> int:
        return len(self.papers)


def build_topics(
    links: Mapping[str, Mapping[str, float]],
    names: Mapping[str, str],
    *,
    resolution: float = 1.0,
    min_papers: int = MIN_PAPERS,
) -> list[Topic]:
    """Topics of papers given each paper's concept weights (``links[paper][concept] = weight``)
    and the concepts' display names; largest first, then by id. Communities of fewer than
    ``min_papers`` papers are no topic."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(links))
    graph.add_weighted_edges_from(
        (paper, concept, weight)
        for paper in sorted(links)
        for concept, weight in sorted(links[paper].items())
    )
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=SEED)
    topics: list[Topic] = []
    for members in communities:
        papers = sorted(m for m in members if m in links)
        if len(papers) < min_papers:
            continue
        strength: dict[str, float] = defaultdict(float)
        for paper in papers:
            for concept, weight in links[paper].items():
                if concept in members:
                    strength[concept] += weight
        ranked = sorted(strength.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            continue
        top = [concept for concept, _ in ranked[:LABEL_CONCEPTS]]
        label = ", ".join(names.get(c, c) for c in top)
        topics.append(
            Topic(
                id=f"topic:{stable_hash('|'.join(top), 12)}",
                label=label,
                papers=tuple(papers),
                concepts=tuple((c, round(w, 4)) for c, w in ranked),
            )
        )
    return _unique(sorted(topics, key=lambda t: (-t.size, t.id)))


def _unique(topics: Iterable[Topic]) -> list[Topic]:
    """Two communities with the same label concepts: the smaller gets a numbered id."""
    seen: dict[str, int] = {}
    out: list[Topic] = []
    for topic in topics:
        n = seen.get(topic.id, 0)
        seen[topic.id] = n + 1
        out.append(
            topic if n == 0 else Topic(f"{topic.id}-{n + 1}", topic.label, topic.papers, topic.concepts)
        )
    return out
