"""Views that show the point: an entity's neighbourhood of other entities (not a star of papers),
and hub entities collapsed in a paper's view.

* :func:`entity_overview`: the entity and the entities its papers share (methods used with it,
  datasets and tasks it is evaluated on, model families), each linked to it by the number of
  papers they share, with those papers listed in the link's and the node's tooltip.
* :func:`collapse_hubs`: in a paper's view, an entity linked to more than ``threshold`` papers
  (a generic task such as "language modeling") keeps its edge to the paper but not the papers
  hanging off it, so the view shows the papers sharing methods with it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.model import Edge, Label, Node, RelType
from kg.store.base import GraphStore, Subgraph

HUB_PAPERS = 10
"""An entity linked to more papers than this in a paper's view is a hub: collapsed."""
OVERVIEW_PER_TYPE = 12
"""How many entities of each type an entity overview shows at most (the most shared first)."""
OVERVIEW_TYPES = (Label.METHOD, Label.DATASET, Label.TASK, Label.MODEL_FAMILY, Label.METRIC)


@dataclass(frozen=True, slots=True)
class PaperLink:
    """Two nodes linked by the papers they share (an entity overview's edges)."""

    source: str
    target: str
    papers: tuple[str, ...]
    """The shared papers' titles (with dates), oldest first."""


@dataclass(slots=True)
class Overview:
    """An entity overview: its nodes, its paper links, and the papers behind it."""

    centre: Node
    nodes: list[Node] = field(default_factory=list)
    links: list[PaperLink] = field(default_factory=list)
    papers: int = 0


def entity_overview(store: GraphStore, entity: Node, per_type: int = OVERVIEW_PER_TYPE) -> Overview:
    """The entities sharing papers with ``entity``, at most ``per_type`` of each type (the most
    shared first; ties by id), each linked to it with the shared papers."""
    hops = 3 if entity.label is Label.MODEL_FAMILY else 2
    sub = store.neighbourhood(entity.id, hops=hops)
    nodes = {n.id: n for n in sub.nodes}
    own = {entity.id}
    if entity.label is Label.MODEL_FAMILY:
        own |= {e.source for e in sub.edges if e.type is RelType.IN_FAMILY and e.target == entity.id}
    papers = {e.source for e in sub.edges if e.target in own and nodes[e.source].label is Label.PAPER}
    family_of: dict[str, set[str]] = defaultdict(set)
    for edge in sub.edges:
        if edge.type is RelType.IN_FAMILY:
            family_of[edge.source].add(edge.target)
    shared: dict[str, set[str]] = defaultdict(set)
    for edge in sub.edges:
        if edge.source not in papers or edge.target in own:
            continue
        targets = {edge.target} | family_of.get(edge.target, set())
        for target in targets - own:
            if target in nodes and nodes[target].label in OVERVIEW_TYPES:
                shared[target].add(edge.source)
    chosen: list[str] = []
    for label in OVERVIEW_TYPES:
        of_type = [n for n in shared if nodes[n].label is label]
        of_type.sort(key=lambda n: (-len(shared[n]), n))
        chosen += of_type[:per_type]

    def titles(ids: set[str]) -> tuple[str, ...]:
        dated = sorted(ids, key=lambda p: (_date(nodes[p]), p))
        return tuple(f"{_date(nodes[p]) or '?'} {nodes[p].props.get('title') or p}" for p in dated)

    return Overview(
        centre=entity,
        nodes=[entity, *(nodes[n] for n in chosen)],
        links=[PaperLink(entity.id, n, titles(shared[n])) for n in chosen],
        papers=len(papers),
    )


def collapse_hubs(
    subgraph: Subgraph, centre: str, threshold: int = HUB_PAPERS
) -> tuple[Subgraph, dict[str, int]]:
    """``subgraph`` (around the paper ``centre``) without the papers that only hang off hubs.

    A hub is an entity other than a method linked to more than ``threshold`` papers in the
    subgraph; it keeps its edges to ``centre`` and to papers still in the view. Methods are never
    collapsed: the papers sharing them are the point of a paper's view. Returns the subgraph and
    the hubs with their paper counts.
    """
    labels = {n.id: n.label for n in subgraph.nodes}
    papers_of: dict[str, set[str]] = defaultdict(set)
    for edge in subgraph.edges:
        if labels.get(edge.source) is Label.PAPER and labels.get(edge.target) not in (None, Label.PAPER):
            papers_of[edge.target].add(edge.source)
    hubs = {
        n: len(ps)
        for n, ps in papers_of.items()
        if len(ps) > threshold and labels[n] not in (Label.METHOD, Label.PAPER)
    }
    if not hubs:
        return subgraph, {}
    kept_edges: list[Edge] = [
        e
        for e in subgraph.edges
        if not (e.target in hubs and e.source != centre and labels[e.source] is Label.PAPER)
    ]
    linked = {centre}
    adjacency: dict[str, set[str]] = defaultdict(set)
    for edge in kept_edges:
        adjacency[edge.source].add(edge.target)
        adjacency[edge.target].add(edge.source)
    frontier = [centre]
    while frontier:  # what is still connected to the centre
        frontier = [m for n in frontier for m in adjacency[n] if m not in linked]
        linked.update(frontier)
    nodes = [n for n in subgraph.nodes if n.id in linked]
    edges = [e for e in kept_edges if e.source in linked and e.target in linked]
    return Subgraph(nodes, edges), dict(sorted(hubs.items(), key=lambda kv: (-kv[1], kv[0])))


def _date(paper: Node) -> str:
    return str(paper.props.get("published") or paper.props.get("listed") or "")
