"""Named queries the embedded store answers with graph code on its NetworkX graph instead of
Cypher: only where the embedded Cypher engine gets a graph algorithm wrong (a query file's
``// native: embedded NAME`` header line picks ``FUNCTIONS[NAME]``). Each returns the same rows,
in the same order, as the query's Cypher does on Neo4j; the parity tests hold them to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError

if TYPE_CHECKING:
    import networkx as nx

    from kg.store.base import GraphStore

NativeQuery = Callable[["GraphStore", Mapping[str, Any]], list[dict[str, Any]]]

CONNECTION_HOPS = 10
"""The longest chain ``connection`` looks for (Neo4j's ``allShortestPaths((a)-[*..10]-(b))``)."""


def connection(store: GraphStore, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The shortest chain of edges (either direction) linking two papers, at most
    :data:`CONNECTION_HOPS` long; of several, the one whose node ids sort first. One row a step:
    ``step, via`` (the relationship type into this node), ``label, id, name``.

    On ladybug 0.22 the Cypher form reads node properties wrongly inside list lambdas once a
    batch holds more than 2048 path nodes (``list_transform(nodes(path), n -> n.id)``), which
    happens between papers joined by hundreds of equally short paths; and a graph search is what
    native code is for. A bidirectional breadth-first search finds the distance, then a greedy
    walk takes the smallest id at each step among the nodes still on a shortest path, and the
    smallest relationship type between two nodes: Neo4j's ``ORDER BY key, types``.
    """
    graph = _graph_of(store)
    paper, other = params["paper"], params["other"]
    if paper == other or paper not in graph or other not in graph:
        return []
    path = first_shortest_path(graph, paper, other, CONNECTION_HOPS)
    if path is None:
        return []
    rows = []
    for step, node in enumerate(path):
        attrs = graph.nodes[node]
        via = _edge_type(graph, path[step - 1], node) if step else None
        name = attrs.get("name")
        rows.append(
            {
                "step": step,
                "via": via,
                "label": attrs.get("label"),
                "id": node,
                "name": name if name is not None else attrs.get("title"),
            }
        )
    return rows


def first_shortest_path(graph: nx.MultiDiGraph, source: str, target: str, limit: int) -> list[str] | None:
    """Of the shortest paths from ``source`` to ``target`` (edges in either direction, at most
    ``limit`` edges), the one whose node ids are lexicographically smallest; None if there is none.
    """
    if source == target:
        return [source]
    dist_s, dist_t = {source: 0}, {target: 0}
    levels_s = [[source]]
    front_t = [target]
    meet: list[str] = []
    while levels_s[-1] and front_t and (len(levels_s) - 1) + dist_t[front_t[0]] < limit:
        if len(levels_s[-1]) <= len(front_t):
            level = _expand(graph, levels_s[-1], dist_s)
            levels_s.append(level)
            meet = [node for node in level if node in dist_t]
        else:
            front_t = _expand(graph, front_t, dist_t)
            meet = [node for node in front_t if node in dist_s and dist_s[node] == len(levels_s) - 1]
        if meet:
            break
    if not meet:
        return None
    # Every meeting node is at distance m from the source and d - m from the target.
    m = dist_s[meet[0]]
    distance = m + dist_t[meet[0]]
    on_path = [set[str]() for _ in range(m + 1)]
    on_path[m] = set(meet)
    for i in range(m - 1, -1, -1):
        on_path[i] = {p for node in on_path[i + 1] for p in _neighbours(graph, node) if dist_s.get(p) == i}
    path = [source]
    for i in range(1, distance + 1):
        if i <= m:
            step = min(p for p in _neighbours(graph, path[-1]) if p in on_path[i])
        else:
            step = min(p for p in _neighbours(graph, path[-1]) if dist_t.get(p) == distance - i)
        path.append(step)
    return path


def _expand(graph: nx.MultiDiGraph, frontier: Iterable[str], dist: dict[str, int]) -> list[str]:
    """The next breadth-first level after ``frontier`` (recording distances in ``dist``)."""
    level: list[str] = []
    for node in frontier:
        depth = dist[node] + 1
        for neighbour in _neighbours(graph, node):
            if neighbour not in dist:
                dist[neighbour] = depth
                level.append(neighbour)
    return level


def _neighbours(graph: nx.MultiDiGraph, node: str) -> Iterable[str]:
    """Nodes linked to ``node`` by an edge in either direction."""
    yield from graph._succ[node]
    yield from graph._pred[node]


def _edge_type(graph: nx.MultiDiGraph, a: str, b: str) -> str:
    """The type of an edge between ``a`` and ``b`` (either direction; the smallest if several):
    the store keys each edge by its type."""
    types: list[str] = [str(key) for key in graph._succ[a].get(b, {})]
    types += [str(key) for key in graph._pred[a].get(b, {})]
    return min(types)


def _graph_of(store: GraphStore) -> nx.MultiDiGraph:
    graph = getattr(store, "graph", None)
    if graph is None:
        raise StoreError(f"{store} has no NetworkX graph: native queries run on the embedded store only")
    return graph


FUNCTIONS: dict[str, NativeQuery] = {"connection": connection}
"""The native query functions by the name a query file's ``native:`` line gives."""
