"""Topics of a stored graph: build them from its ABOUT edges, store them, list them."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.concepts.topics import MIN_PAPERS, Topic, build_topics
from kg.model import Label, RelType

if TYPE_CHECKING:
    from kg.store.base import GraphStore

LIST_CONCEPTS = 10
"""Concept (and entity) names kept on a Topic node (its ``concepts`` and ``entities``
properties), heaviest first."""


ENTITY_RELATIONS = (
    RelType.PROPOSES,
    RelType.USES,
    RelType.INTRODUCES,
    RelType.EVALUATES_ON,
    RelType.ADDRESSES,
    RelType.MENTIONS,
)
"""The edges that name a topic's entities: methods, datasets, tasks and models of its papers."""
ENTITY_LABELS = (Label.METHOD, Label.DATASET, Label.TASK, Label.MODEL)


def topics_of(store: GraphStore, *, resolution: float = 1.0, min_papers: int = MIN_PAPERS) -> list[Topic]:
    """Louvain topics of the store's weighted paper-concept graph (its ABOUT edges), labelled by
    their top concepts and the entities their papers name."""
    links: dict[str, dict[str, float]] = defaultdict(dict)
    for edge in store.iter_edges(RelType.ABOUT):
        links[edge.source][edge.target] = float(edge.props.get("weight") or 0.0)
    entities: dict[str, set[str]] = defaultdict(set)
    for rel in ENTITY_RELATIONS:
        for edge in store.iter_edges(rel):
            entities[edge.source].add(edge.target)
    names = {
        node.id: str(node.props.get("name", node.id))
        for label in (Label.CONCEPT, *ENTITY_LABELS)
        for node in store.iter_node_props(label, ["name"])
    }
    return build_topics(links, names, resolution=resolution, min_papers=min_papers, entities=entities)


def write_topics(store: GraphStore, topics: list[Topic]) -> None:
    """Upsert Topic nodes and IN_TOPIC edges (weight: the paper's ABOUT weight into the topic's
    concepts) and commit. Ids derive from the label concepts: the same graph gives the same ids."""
    names = {
        node.id: str(node.props.get("name", node.id))
        for label in (Label.CONCEPT, *ENTITY_LABELS)
        for node in store.iter_node_props(label, ["name"])
    }
    about: dict[str, dict[str, float]] = defaultdict(dict)
    for edge in store.iter_edges(RelType.ABOUT):
        about[edge.source][edge.target] = float(edge.props.get("weight") or 0.0)
    rows: list[dict[str, Any]] = []
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for topic in topics:
        concepts = [c for c, _ in topic.concepts]
        rows.append(
            {
                "id": topic.id,
                "name": topic.label,
                "aliases": [],
                "size": topic.size,
                "concepts": [names.get(c, c) for c in concepts[:LIST_CONCEPTS]],
                "entities": [names.get(e, e) for e, _ in topic.entities[:LIST_CONCEPTS]],
            }
        )
        members = set(concepts)
        for paper in topic.papers:
            weight = sum(w for c, w in about[paper].items() if c in members)
            edges.append((paper, topic.id, {"weight": round(weight, 6)}))
    store.upsert_nodes(Label.TOPIC, rows)
    store.upsert_edges(RelType.IN_TOPIC, edges)
    store.commit()


def list_topics(store: GraphStore, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored topics, largest first (ties by id): id, size, label, top concepts and entities."""
    rows = [
        {
            "id": node.id,
            "size": int(node.props.get("size") or 0),
            "label": node.props.get("name", ""),
            "concepts": list(node.props.get("concepts") or []),
            "entities": list(node.props.get("entities") or []),
        }
        for node in store.iter_nodes(Label.TOPIC)
    ]
    rows.sort(key=lambda row: (-row["size"], row["id"]))
    return rows[:limit] if limit is not None else rows
