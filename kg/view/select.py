"""Which nodes a view shows: the subgraph around a paper, an entity or a named query's result,
pruned to the most connected nodes when it is larger than the limit.

Everything goes through the store interface (``neighbourhood``, ``edges_of``, ``get_nodes``), so
a view of the embedded store and of Neo4j holding the same graph are the same.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.errors import KGError, NotFoundError
from kg.model import Edge, Label, Node
from kg.resolve_node import kind_name, nodes_by_id, resolve_entity_node, resolve_paper_node
from kg.store.base import GraphStore, Subgraph
from kg.view.aggregate import (
    HUB_PAPERS,
    OVERVIEW_PER_TYPE,
    OVERVIEW_TYPES,
    PaperLink,
    collapse_hubs,
    entity_overview,
)

DEFAULT_HOPS = 2
MAX_HOPS = 5
DEFAULT_MAX_NODES = 300
FORCE_ABOVE = 2000
"""More nodes than this draw slowly in a browser: asking for them needs ``force``."""


class ViewError(KGError):
    """A view that cannot be made as asked (no target, several targets, limits out of range)."""

    exit_code = 2


@dataclass(slots=True)
class View:
    """The nodes and edges a view shows, its centre, and what was left out to stay under the limit."""

    heading: str
    centres: list[str]
    nodes: list[Node]
    edges: list[Edge]
    max_nodes: int
    total_nodes: int
    total_edges: int
    omitted: dict[str, int] = field(default_factory=dict)
    """Nodes left out, by label."""
    links: list[PaperLink] = field(default_factory=list)
    """An entity overview's links: two nodes and the papers they share."""
    hubs: dict[str, int] = field(default_factory=dict)
    """Hub entities collapsed in a paper's view, with their paper counts."""

    @property
    def hub_note(self) -> str | None:
        """One sentence naming the collapsed hubs (None when there are none)."""
        if not self.hubs:
            return None
        names = {node.id: str(node.props.get("name") or node.id) for node in self.nodes}
        shown = ", ".join(f"{names.get(hub, hub)} ({count})" for hub, count in list(self.hubs.items())[:5])
        more = f" and {len(self.hubs) - 5} more" if len(self.hubs) > 5 else ""
        return (
            f"Collapsed {len(self.hubs)} hub entit{'y' if len(self.hubs) == 1 else 'ies'} linked to many "
            f"papers (their other papers are left out): {shown}{more}."
        )

    @property
    def pruned(self) -> bool:
        """Whether nodes were left out."""
        return self.total_nodes > len(self.nodes)

    @property
    def note(self) -> str | None:
        """One sentence saying what was left out (None when nothing was)."""
        if not self.pruned:
            return None
        left = ", ".join(f"{count:,} {label}" for label, count in self.omitted.items())
        edges = self.total_edges - len(self.edges)
        return (
            f"Showing {len(self.nodes):,} of {self.total_nodes:,} nodes (the most connected; limit "
            f"{self.max_nodes:,}): left out {left} node{'s' if sum(self.omitted.values()) > 1 else ''} "
            f"and {edges:,} edge{'' if edges == 1 else 's'}. Raise the limit with --max-nodes "
            f"(up to {FORCE_ABOVE:,}, more with --force)."
        )


def check_limits(hops: int, max_nodes: int, *, force: bool = False) -> None:
    """Refuse hops and node limits out of range (more than :data:`FORCE_ABOVE` nodes needs ``force``)."""
    if not 0 <= hops <= MAX_HOPS:
        raise ViewError(f"hops must be between 0 and {MAX_HOPS}, not {hops}")
    if max_nodes < 1:
        raise ViewError(f"max-nodes must be at least 1, not {max_nodes}")
    if max_nodes > FORCE_ABOVE and not force:
        raise ViewError(
            f"{max_nodes:,} nodes is more than a browser draws comfortably ({FORCE_ABOVE:,}): "
            "use --force to draw them anyway"
        )


def select_view(
    store: GraphStore,
    *,
    paper: str | None = None,
    entity: str | None = None,
    query: str | None = None,
    params: Mapping[str, Any] | None = None,
    hops: int = DEFAULT_HOPS,
    max_nodes: int = DEFAULT_MAX_NODES,
    force: bool = False,
    papers: bool = False,
    hub_papers: int | None = HUB_PAPERS,
) -> View:
    """The view around a paper, an entity, or a named query's result (give exactly one).

    ``paper``: an id, arXiv id (any version, or a URL) or exact title; ``entity``: a method,
    dataset, model family, task or repo by canonical name, alias or id; ``query``: a named
    query run with ``params``, showing every node whose id is a value in its rows (and the
    papers and entities its parameters name). ``hops`` widens the view around these nodes; at
    most ``max_nodes`` are kept, the most connected first.

    An entity's view is by default its overview (:func:`kg.view.aggregate.entity_overview`: the
    entities sharing papers with it, linked by those papers); ``papers`` draws the paper-level
    neighbourhood instead. In a paper's view of two hops or more, entities other than methods
    linked to more than ``hub_papers`` papers are collapsed (None: never).
    """
    targets = [name for name, value in (("paper", paper), ("entity", entity), ("query", query)) if value]
    if len(targets) != 1:
        raise ViewError("give exactly one of a paper, an entity or a query to view")
    check_limits(hops, max_nodes, force=force)
    hubs: dict[str, int] = {}
    if paper:
        node = resolve_paper_node(store, paper)
        heading = f"Paper: {node.props.get('title') or node.id}"
        centres, subgraph = [node.id], _near(store, node.id, hops)
        if hops >= 2 and hub_papers is not None:
            subgraph, hubs = collapse_hubs(subgraph, node.id, hub_papers)
    elif entity:
        node = resolve_entity_node(store, entity)
        heading = f"{kind_name(node.label).capitalize()}: {node.props.get('name') or node.id}"
        if not papers:
            return _overview_view(store, node, heading, max_nodes)
        centres, subgraph = [node.id], _near(store, node.id, hops)
    else:
        assert query is not None
        heading, centres = _query_centres(store, query, params or {})
        subgraph = _around(store, centres, hops)
    view = prune(subgraph, centres, max_nodes, heading=heading)
    kept = {n.id for n in view.nodes}
    view.hubs = {hub: count for hub, count in hubs.items() if hub in kept}
    return view


def _overview_view(store: GraphStore, node: Node, heading: str, max_nodes: int) -> View:
    """An entity's overview as a view: at most ``max_nodes`` nodes (fewer of each type)."""
    per_type = max(1, min(OVERVIEW_PER_TYPE, (max_nodes - 1) // len(OVERVIEW_TYPES)))
    overview = entity_overview(store, node, per_type)
    return View(
        heading=f"{heading} ({overview.papers:,} papers)",
        centres=[node.id],
        nodes=overview.nodes,
        edges=[],
        max_nodes=max_nodes,
        total_nodes=len(overview.nodes),
        total_edges=0,
        links=overview.links,
    )


def _query_centres(store: GraphStore, name: str, params: Mapping[str, Any]) -> tuple[str, list[str]]:
    """A named query's heading, and the ids of the nodes its parameters name and its rows hold."""
    from kg.query.named import get_query, run_named_query
    from kg.query.params import ENTITY_TYPES, bind_params

    named = get_query(name)
    bound = bind_params(store, named.name, named.params, params)
    rows = run_named_query(store, named.name, params)
    named_ids = [str(bound[p.name]) for p in named.params if p.type in ENTITY_TYPES and bound.get(p.name)]
    values = list(dict.fromkeys([*named_ids, *(v for row in rows for v in _strings(row.values()))]))
    found = nodes_by_id(store, values)
    centres = [value for value in values if value in found]
    shown = ", ".join(f"{key}={value}" for key, value in params.items())
    if not centres:
        raise NotFoundError(f"the query {named.name} ({shown or 'no parameters'}) found no node to show")
    return f"Query {named.name}" + (f" ({shown})" if shown else ""), centres


def _strings(values: Iterable[Any]) -> Iterator[str]:
    """Every string among ``values``, inside lists and maps too."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list | tuple):
            yield from _strings(value)
        elif isinstance(value, Mapping):
            yield from _strings(value.values())


# Concepts and topics link papers by what they are about: a view walks the named entities, and
# draws a concept or topic only when it is a centre (otherwise every view fills with them).
_NOT_WALKED = ("concept:", "topic:")
_ABOUT = frozenset({"ABOUT", "IN_TOPIC"})


def _walk(subgraph: Subgraph, centre: str, hops: int) -> set[str]:
    """The nodes of ``subgraph`` within ``hops`` of ``centre`` without passing a concept or topic
    (nor an ABOUT edge to an entity that is also a concept)."""
    adjacent: dict[str, set[str]] = {}
    for edge in subgraph.edges:
        if edge.type.value in _ABOUT and not centre.startswith(_NOT_WALKED):
            continue
        adjacent.setdefault(edge.source, set()).add(edge.target)
        adjacent.setdefault(edge.target, set()).add(edge.source)
    reached, frontier = {centre}, [centre]
    for _ in range(hops):
        frontier = [
            m
            for n in frontier
            for m in adjacent.get(n, ())
            if m not in reached and not m.startswith(_NOT_WALKED)
        ]
        reached.update(frontier)
    return reached


def _near(store: GraphStore, centre: str, hops: int) -> Subgraph:
    """The store's neighbourhood of ``centre``, walked as :func:`_walk` says."""
    near = store.neighbourhood(centre, hops)
    walked = _walk(near, centre, hops)
    return Subgraph(
        [n for n in near.nodes if n.id in walked],
        [e for e in near.edges if e.source in walked and e.target in walked],
    )


def _around(store: GraphStore, centres: Sequence[str], hops: int) -> Subgraph:
    """The nodes within ``hops`` of any of ``centres`` and every edge among them."""
    nodes: dict[str, Node] = {}
    if hops == 0:
        nodes.update(nodes_by_id(store, centres))
    for centre in centres if hops > 0 else ():
        nodes.update((node.id, node) for node in _near(store, centre, hops).nodes)
    edges: dict[tuple[str, str, str], Edge] = {}
    for node_id in nodes:
        for edge in store.edges_of(node_id):
            if edge.source in nodes and edge.target in nodes:
                edges[(edge.type.value, edge.source, edge.target)] = edge
    return Subgraph([nodes[i] for i in sorted(nodes)], [edges[k] for k in sorted(edges)])


def prune(subgraph: Subgraph, centres: Sequence[str], max_nodes: int, *, heading: str = "") -> View:
    """At most ``max_nodes`` nodes of ``subgraph``: the centres, then, growing outwards from them,
    always the most connected node next to those kept (ties: the smaller id); the edges among them.

    Growing from the centres keeps the view connected; degrees are counted in ``subgraph``.
    """
    by_id = {node.id: node for node in subgraph.nodes}
    neighbours: dict[str, set[str]] = {node_id: set() for node_id in by_id}
    for edge in subgraph.edges:
        if edge.source in by_id and edge.target in by_id:
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
    degree = {node_id: len(adjacent) for node_id, adjacent in neighbours.items()}
    start = sorted(dict.fromkeys(c for c in centres if c in by_id), key=lambda n: (-degree[n], n))
    kept: dict[str, None] = dict.fromkeys(start[:max_nodes])
    queue: list[tuple[int, str]] = []
    queued = set(kept)
    rest = iter(sorted(by_id, key=lambda n: (-degree[n], n)))  # for parts not reachable from a centre

    def enqueue(node_id: str) -> None:
        for other in neighbours[node_id] - queued:
            queued.add(other)
            heapq.heappush(queue, (-degree[other], other))

    for node_id in kept:
        enqueue(node_id)
    while len(kept) < min(max_nodes, len(by_id)):
        if not queue:
            seed = next(n for n in rest if n not in kept)
            queued.add(seed)
            heapq.heappush(queue, (-degree[seed], seed))
        _, node_id = heapq.heappop(queue)
        if node_id not in kept:
            kept[node_id] = None
            enqueue(node_id)
    nodes = sorted((by_id[n] for n in kept), key=lambda node: (_LABEL_ORDER[node.label], node.id))
    edges = [e for e in subgraph.edges if e.source in kept and e.target in kept]
    omitted = Counter(node.label.value for node in subgraph.nodes if node.id not in kept)
    return View(
        heading=heading,
        centres=[c for c in start if c in kept],
        nodes=nodes,
        edges=edges,
        max_nodes=max_nodes,
        total_nodes=len(by_id),
        total_edges=len(subgraph.edges),
        omitted={label.value: omitted[label.value] for label in Label if omitted[label.value]},
    )


_LABEL_ORDER = {label: position for position, label in enumerate(Label)}
