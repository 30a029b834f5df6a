"""One topic as a view (``kg view --topic ID|LABEL``): the topic, its most central papers, and the
concepts and entities those papers share.

A topic of thousands of papers draws nothing readable, so the view keeps its papers with the
heaviest ``IN_TOPIC`` weight (how much of each paper is about the topic's concepts), then the
concepts and the entities (methods, datasets, tasks, models) most of them are linked to, each
linked only to the shown papers. What is left out is said in the page's note.
"""

from __future__ import annotations

from collections import Counter
from difflib import get_close_matches

from kg.errors import NotFoundError
from kg.model import Edge, Label, Node, RelType
from kg.store.base import GraphStore
from kg.view.select import View

TOPIC_PAPERS = 40
"""Papers drawn at most (the topic's most central); fewer when ``max_nodes`` is smaller."""
TOPIC_CONCEPTS = 12
TOPIC_ENTITIES = 12
_ENTITY_EDGES = frozenset(
    {
        RelType.PROPOSES,
        RelType.USES,
        RelType.INTRODUCES,
        RelType.EVALUATES_ON,
        RelType.ADDRESSES,
        RelType.MENTIONS,
    }
)
_ENTITY_LABELS = frozenset({Label.METHOD, Label.DATASET, Label.TASK, Label.MODEL})


def resolve_topic(store: GraphStore, ref: str) -> Node:
    """A stored topic by id (``topic:…``, or its hash alone) or by label (case-insensitive); a
    miss names the closest labels, and no topic at all says to build them."""
    wanted = ref.strip()
    for candidate in (wanted, f"topic:{wanted}"):
        found = store.get_nodes(Label.TOPIC, [candidate])
        if candidate in found:
            return found[candidate]
    topics = list(store.iter_node_props(Label.TOPIC, ["name"]))
    if not topics:
        raise NotFoundError(f"no topic named {ref!r}: the graph has no topics (run `kg topics --build`)")
    by_label: dict[str, Node] = {}
    for t in sorted(topics, key=lambda node: node.id):  # the whole label, or its concepts before ";"
        label = str(t.props.get("name") or "").casefold()
        by_label.setdefault(label.split(";")[0].strip(), t)
        by_label[label] = t
    if wanted.casefold() in by_label:
        node = by_label[wanted.casefold()]
        return store.get_nodes(Label.TOPIC, [node.id])[node.id]
    close = {
        by_label[c].id: by_label[c] for c in get_close_matches(wanted.casefold(), list(by_label), cutoff=0.4)
    }
    hint = "; close: " + ", ".join(f"{t.props.get('name')} ({t.id})" for t in list(close.values())[:3])
    raise NotFoundError(f"no topic named {ref!r}{hint if close else ''} (see kg topics)")


def topic_view(store: GraphStore, ref: str, max_nodes: int) -> View:
    """The view of the topic ``ref``: the topic, at most :data:`TOPIC_PAPERS` of its papers (the
    heaviest ``IN_TOPIC`` first, ties by id), then up to :data:`TOPIC_CONCEPTS` concepts and
    :data:`TOPIC_ENTITIES` entities linked to at least two of them (the most shared first), all
    within ``max_nodes`` nodes."""
    topic = resolve_topic(store, ref)
    members = sorted(
        (
            (e.source, float(e.props.get("weight") or 0.0))
            for e in store.edges_of(topic.id)
            if e.type is RelType.IN_TOPIC
        ),
        key=lambda item: (-item[1], item[0]),
    )
    budget = max(0, max_nodes - 1)
    n_papers = min(TOPIC_PAPERS, len(members), max(1, budget // 2) if budget else 0)
    shown = [paper for paper, _ in members[:n_papers]]
    papers = store.get_nodes(Label.PAPER, shown)
    out_edges: dict[str, list[Edge]] = {p: [e for e in store.edges_of(p) if e.source == p] for p in shown}
    about = Counter(e.target for edges in out_edges.values() for e in edges if e.type is RelType.ABOUT)
    named = Counter(
        target
        for edges in out_edges.values()
        for target in {e.target for e in edges if e.type in _ENTITY_EDGES}
    )
    room = budget - len(shown)
    concepts = _top(about, min(TOPIC_CONCEPTS, room // 2 if named else room))
    entity_nodes = _entities(store, named, min(TOPIC_ENTITIES, room - len(concepts)))
    concept_nodes = store.get_nodes(Label.CONCEPT, concepts)
    nodes = [topic, *(papers[p] for p in shown if p in papers)]
    nodes += [concept_nodes[c] for c in concepts if c in concept_nodes] + entity_nodes
    kept = {n.id for n in nodes}
    edges = [Edge(p, topic.id, RelType.IN_TOPIC, {"weight": w}) for p, w in members[:n_papers] if p in kept]
    edges += sorted(
        (
            e
            for p in shown
            for e in out_edges[p]
            if e.target in kept and (e.type is RelType.ABOUT or e.type in _ENTITY_EDGES)
        ),
        key=lambda e: (e.type.value, e.source, e.target),
    )
    size = int(topic.props.get("size") or len(members))
    left = len(members) - len(shown)
    return View(
        heading=f"Topic: {topic.props.get('name') or topic.id} ({size:,} papers)",
        centres=[topic.id],
        nodes=nodes,
        edges=edges,
        max_nodes=max_nodes,
        total_nodes=len(nodes) + left,
        total_edges=len(edges) + left,
        omitted={Label.PAPER.value: left} if left else {},
    )


def _top(counts: Counter[str], n: int) -> list[str]:
    """The ``n`` ids linked to the most shown papers (at least two), ties by id."""
    ranked = sorted((item for item in counts.items() if item[1] >= 2), key=lambda item: (-item[1], item[0]))
    return [node_id for node_id, _ in ranked[: max(0, n)]]


def _entities(store: GraphStore, counts: Counter[str], n: int) -> list[Node]:
    """The entity nodes (methods, datasets, tasks, models) among ``counts``' most shared."""
    by_label: dict[Label, list[str]] = {}
    for node_id in _top(counts, len(counts)):
        label = _label_of(node_id)
        if label in _ENTITY_LABELS:
            by_label.setdefault(label, []).append(node_id)
    found: dict[str, Node] = {}
    for label, ids in by_label.items():
        found.update(store.get_nodes(label, ids))
    ranked = [node_id for node_id in _top(counts, len(counts)) if node_id in found]
    return [found[node_id] for node_id in ranked[: max(0, n)]]


def _label_of(node_id: str) -> Label | None:
    prefix = node_id.split(":", 1)[0]
    return {"method": Label.METHOD, "dataset": Label.DATASET, "task": Label.TASK, "model": Label.MODEL}.get(
        prefix
    )
