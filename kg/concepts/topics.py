"""Topics: Louvain communities of the weighted paper-concept graph, labelled by their top concepts
and entities.

Papers and concepts are the nodes, ``ABOUT`` weights the edges; ``networkx``'s Louvain with a
fixed seed over nodes and edges added in sorted order gives the same communities for the same
graph, and a topic's id is derived from its label concepts, so re-runs give the same ids. A
topic's entities (methods, datasets, tasks, models its papers name) are ranked as class-based
TF-IDF: papers of the topic naming it times ``log(N / papers naming it)``, so GPT-4 or
Transformer, named everywhere, rarely lead a label.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.ids import stable_hash

SEED = 7
MIN_PAPERS = 3
LABEL_CONCEPTS = 3
LABEL_ENTITIES = 2
MIN_ENTITY_PAPERS = 2
"""An entity ranks in a topic only when at least this many of its papers name it."""


@dataclass(frozen=True, slots=True)
class Topic:
    """A community: its papers, its concepts ranked by weight within it, a label and a stable id."""

    id: str
    label: str
    papers: tuple[str, ...]
    concepts: tuple[tuple[str, float], ...]
    entities: tuple[tuple[str, float], ...] = ()
    """Entity ids with their class-based TF-IDF in the topic, best first."""

    @property
    def size(self) -> int:
        return len(self.papers)


def build_topics(
    links: Mapping[str, Mapping[str, float]],
    names: Mapping[str, str],
    *,
    resolution: float = 1.0,
    min_papers: int = MIN_PAPERS,
    entities: Mapping[str, Iterable[str]] | None = None,
) -> list[Topic]:
    """Topics of papers given each paper's concept weights (``links[paper][concept] = weight``)
    and the display names of concepts (and entities); largest first, then by id. Communities of
    fewer than ``min_papers`` papers are no topic. ``entities`` (paper -> entity ids) ranks each
    topic's entities; the label is its top concepts, then its top entities after a semicolon."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(links))
    graph.add_weighted_edges_from(
        (paper, concept, weight)
        for paper in sorted(links)
        for concept, weight in sorted(links[paper].items())
    )
    communities = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=SEED)
    named = {paper: frozenset(ids) for paper, ids in (entities or {}).items()}
    entity_df = Counter(e for ids in named.values() for e in ids)
    total = len(set(links) | set(named))
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
        in_topic = Counter(e for paper in papers for e in named.get(paper, ()))
        scored = sorted(
            (
                (e, round(n * math.log(total / entity_df[e]), 4))
                for e, n in in_topic.items()
                if n >= MIN_ENTITY_PAPERS and entity_df[e] < total
            ),
            key=lambda item: (-item[1], item[0]),
        )
        label = ", ".join(names.get(c, c) for c in top)
        if scored:
            label += "; " + ", ".join(names.get(e, e) for e, _ in scored[:LABEL_ENTITIES])
        topics.append(
            Topic(
                id=f"topic:{stable_hash('|'.join(top), 12)}",
                label=label,
                papers=tuple(papers),
                concepts=tuple((c, round(w, 4)) for c, w in ranked),
                entities=tuple(scored),
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
            topic
            if n == 0
            else Topic(f"{topic.id}-{n + 1}", topic.label, topic.papers, topic.concepts, topic.entities)
        )
    return out
