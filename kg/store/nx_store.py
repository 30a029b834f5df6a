"""The embedded store: a NetworkX multigraph kept in one JSON file, saved atomically."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg.atomic import atomic_write
from kg.errors import GraphFileError, StoreError
from kg.model import Edge, Label, Node, RelType
from kg.store.base import Row, Stats, Subgraph, present

if TYPE_CHECKING:
    from kg.store.embedded_cypher import EmbeddedCypher

FILE_FORMAT = "paper-kg/graph"
FILE_VERSION = 1


class NetworkXStore:
    """A :class:`~kg.store.base.GraphStore` held in memory; :meth:`commit` writes the file.

    Node keys are ids; each node has a ``label`` attribute. Edges are keyed by their type,
    so there is at most one edge of a type between two nodes. ``path=None`` is a graph held in
    memory only (committing it does nothing).
    """

    cypher_dialect = "embedded"

    _writes = 0
    """Write calls so far: the embedded Cypher engine in use is for one count of them."""

    def __init__(self, path: Path | None, *, create: bool = True) -> None:
        from kg.store.embedded_cypher import FileState

        self.path = path
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._base = FileState.of(path)
        """The graph file as this store read it (None: there was none): a commit refuses to
        replace a file another writer committed in the meantime."""
        if path is not None and path.exists():
            self._load()
        elif path is not None and not create:
            raise GraphFileError(f"{path}: no graph here yet (run 'kg ingest' first)")

    def __str__(self) -> str:
        return str(self.path) if self.path is not None else "an in-memory graph"

    # -- file -----------------------------------------------------------------------------

    def _load(self) -> None:
        assert self.path is not None
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GraphFileError(f"{self.path}: not a readable graph file ({exc})") from exc
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise GraphFileError(f"{self.path}: not a paper-kg graph file")
        if data.get("version") != FILE_VERSION:
            raise GraphFileError(f"{self.path}: graph file version {data.get('version')} not supported")
        graph = self.graph
        for node in data["nodes"]:
            graph.add_node(node.pop("id"), **node)
        for edge in data["edges"]:
            graph.add_edge(edge.pop("source"), edge.pop("target"), key=edge["type"], **edge)
        self._mark_saved()

    def to_json(self) -> dict[str, Any]:
        """The file's content: nodes and edges in a deterministic order."""
        graph = self.graph
        nodes = [
            {"id": n, **graph.nodes[n]}
            for n in sorted(graph.nodes, key=lambda n: (graph.nodes[n]["label"], n))
        ]
        edges = [
            {"source": s, "target": t, **attrs}
            for s, t, _, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1]))
        ]
        return {"format": FILE_FORMAT, "version": FILE_VERSION, "nodes": nodes, "edges": edges}

    def _write_json(self, handle: IO[str]) -> None:
        """The graph file (:mod:`kg.store.graph_file`: a node or an edge a line, in a
        deterministic order), streamed without holding the whole document in memory."""
        from kg.store import graph_file

        graph = self.graph
        nodes = sorted(graph.nodes, key=lambda n: (graph.nodes[n]["label"], n))

        def node_lines() -> Iterator[str]:
            for n in nodes:
                attrs = dict(graph.nodes[n])
                yield graph_file.node_line(n, attrs.pop("label"), attrs)

        edges = sorted(graph.edges(keys=True), key=lambda e: (e[2], e[0], e[1]))
        edge_lines = (graph_file.edge_line(s, t, k, graph.edges[s, t, k]) for s, t, k in edges)
        graph_file.write(handle, node_lines(), edge_lines)

    def commit(self) -> None:
        """Write the graph to a temporary file beside the target, then rename it into place."""
        from kg.store.embedded_cypher import FileState

        if self.path is None:
            return
        if FileState.of(self.path) != self._base:
            raise StoreError(
                f"{self.path}: the graph file changed since it was read (another writer committed); "
                "nothing was written: run again (kg ingest takes a lock so that this cannot happen)"
            )
        with atomic_write(self.path, durable=True) as handle:
            self._write_json(handle)
        self._base = FileState.of(self.path)
        self._mark_saved()

    def close(self) -> None:
        """Nothing to release: uncommitted changes are dropped with the object."""

    # -- writes ---------------------------------------------------------------------------

    def upsert_nodes(self, label: Label, rows: Iterable[Row]) -> None:
        self._writes += 1
        graph = self.graph
        for row in rows:
            node_id, props = row["id"], present(row, "id")
            if node_id in graph:
                existing = graph.nodes[node_id]
                if existing["label"] != label.value:
                    raise StoreError(f"node {node_id!r} is a {existing['label']}, not a {label.value}")
                existing.update(props)
            else:
                graph.add_node(node_id, label=label.value, **props)

    def upsert_edges(self, rel: RelType, rows: Iterable[tuple[str, str, Row]]) -> None:
        self._writes += 1
        graph = self.graph
        rows = list(rows)
        for source, target, _ in rows:  # all or nothing, like a Neo4j write batch
            for end in (source, target):
                if end not in graph:
                    raise StoreError(f"{rel.value} edge to a missing node {end!r}")
        for source, target, row in rows:
            props = present(row)
            if graph.has_edge(source, target, key=rel.value):
                graph.edges[source, target, rel.value].update(props)
            else:
                graph.add_edge(source, target, key=rel.value, type=rel.value, **props)

    def rename_node(self, label: Label, old_id: str, new_id: str) -> None:
        self._writes += 1
        if old_id not in self.graph or self.graph.nodes[old_id]["label"] != label.value:
            return
        if new_id in self.graph:
            raise StoreError(f"cannot rename {old_id!r}: {new_id!r} exists")
        nx.relabel_nodes(self.graph, {old_id: new_id}, copy=False)

    def clear(self) -> None:
        self._writes += 1
        self.graph.clear()

    # -- reads ----------------------------------------------------------------------------

    def _node(self, node_id: str) -> Node:
        attrs = dict(self.graph.nodes[node_id])
        return Node(node_id, Label(attrs.pop("label")), attrs)

    def get_nodes(self, label: Label, ids: Iterable[str]) -> dict[str, Node]:
        graph = self.graph
        return {i: self._node(i) for i in ids if i in graph and graph.nodes[i]["label"] == label.value}

    def find_nodes(self, label: Label, prop: str, values: Iterable[Any]) -> dict[Any, str]:
        wanted = set(values)
        found: dict[Any, str] = {}
        for node_id, attrs in self.graph.nodes(data=True):  # one pass; the smallest id wins
            value = attrs.get(prop)
            if (
                value in wanted
                and attrs["label"] == label.value
                and (value not in found or node_id < found[value])
            ):
                found[value] = node_id
        return found

    def iter_nodes(self, label: Label) -> Iterator[Node]:
        graph = self.graph
        for node_id in sorted(n for n, a in graph.nodes(data=True) if a["label"] == label.value):
            yield self._node(node_id)

    def iter_node_props(self, label: Label, props: Sequence[str]) -> Iterator[Node]:
        graph = self.graph
        for node_id in sorted(n for n, a in graph.nodes(data=True) if a["label"] == label.value):
            attrs = graph.nodes[node_id]
            yield Node(node_id, label, {k: attrs[k] for k in props if k in attrs})

    def iter_edges(self, rel: RelType) -> Iterator[Edge]:
        triples = [(s, t, a) for s, t, k, a in self.graph.edges(keys=True, data=True) if k == rel.value]
        for source, target, attrs in sorted(triples, key=lambda e: (e[0], e[1])):
            yield Edge(source, target, rel, {k: v for k, v in attrs.items() if k != "type"})

    def _edges(self, triples: Iterable[tuple[str, str, str, dict[str, Any]]]) -> list[Edge]:
        edges = {
            (key, s, t): Edge(s, t, RelType(key), {k: v for k, v in attrs.items() if k != "type"})
            for s, t, key, attrs in triples
        }
        return [edges[k] for k in sorted(edges)]

    def dated_sources(self, rels: Sequence[RelType], targets: Iterable[str]) -> list[tuple[str, str, str]]:
        from kg.store.base import paper_date

        graph, names = self.graph, {rel.value for rel in rels}
        found = set()
        for target in set(targets):
            if target not in graph:
                continue
            for source, _, key in graph.in_edges(target, keys=True):
                if key in names and (date := paper_date(graph.nodes[source])):
                    found.add((target, source, date))
        return sorted(found)

    def edges_of(self, node_id: str) -> list[Edge]:
        if node_id not in self.graph:
            return []
        graph = self.graph
        return self._edges(
            [*graph.out_edges(node_id, keys=True, data=True), *graph.in_edges(node_id, keys=True, data=True)]
        )

    def neighbourhood(self, node_id: str, hops: int = 1) -> Subgraph:
        if node_id not in self.graph:
            return Subgraph()
        succ, pred = self.graph.succ, self.graph.pred
        reached, frontier = {node_id}, [node_id]
        for _ in range(hops):  # breadth-first, ignoring direction (no graph-sized views)
            frontier = [m for n in frontier for m in (*succ[n], *pred[n]) if m not in reached]
            reached.update(frontier)
        inner = [
            (source, target, key, attrs)
            for source in reached
            for target, keyed in succ[source].items()
            if target in reached
            for key, attrs in keyed.items()
        ]
        return Subgraph([self._node(n) for n in sorted(reached)], self._edges(inner))

    def stats(self) -> Stats:
        nodes = Counter(attrs["label"] for _, attrs in self.graph.nodes(data=True))
        edges = Counter(key for _, _, key in self.graph.edges(keys=True))
        return Stats.of(nodes, edges)

    # -- Cypher (kg.store.embedded_cypher) ------------------------------------------------------

    def run_cypher(
        self,
        query: str,
        params: Mapping[str, Any],
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """Run Cypher on the embedded engine built from this graph (see :mod:`kg.store.embedded_cypher`).

        Read-only: a statement that writes is refused (:class:`~kg.errors.ReadOnlyError`) even with
        ``write=True``, since the graph file is the store of record (change it with ``kg ingest``).
        The statement's size and parameters are bounded (kg.store.limits) and the engine stops it
        after ``timeout`` seconds (default ``DEFAULT_TIMEOUT``).
        """
        from kg.store.limits import DEFAULT_TIMEOUT

        check_embedded_statement(query, params, write=write)
        return self._cypher_engine().run(query, params, timeout=timeout or DEFAULT_TIMEOUT)

    def build_engine(self) -> None:
        """Build the on-disk Cypher engine of the committed graph file now (``kg ingest`` does,
        so that readers answer from it at once); a no-op for a graph without a file or with
        uncommitted writes."""

        state, writes = getattr(self, "_saved", (None, -1))
        if self.path is None or state is None or writes != self._writes:
            return
        self._cypher_engine()

    def _mark_saved(self) -> None:
        """Remember the graph file's state as read or written (the embedded engine is keyed on it)."""
        from kg.store.embedded_cypher import FileState

        assert self.path is not None
        self._saved = (FileState.of(self.path), self._writes)

    def _cypher_engine(self) -> EmbeddedCypher:
        """The engine for the graph as it is now: the graph file's (built once a file version), or
        one in memory for a graph without a file, with uncommitted writes, or whose file moved on.

        Writes are noticed through this store's methods; change ``self.graph`` directly and the
        engine in use is not rebuilt.
        """
        from kg.store import embedded_cypher as engines

        graph = self.graph
        state, writes = getattr(self, "_saved", (None, -1))
        if state is not None and writes == self._writes and state == engines.FileState.of(self.path):
            key: Any = state
        else:
            key = ("memory", id(graph), self._writes)
        cached: tuple[Any, EmbeddedCypher] | None = getattr(self, "_cypher", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        if cached is not None:
            cached[1].close()
        if isinstance(key, engines.FileState):
            assert self.path is not None
            engine = engines.on_disk(self.path, graph, key)
        else:
            engine = engines.in_memory(graph)
        self._cypher = (key, engine)
        return engine


def check_embedded_statement(query: str, params: Mapping[str, Any], *, write: bool) -> None:
    """Bounds and the read-only check of a statement for the embedded engine (both readers of
    the embedded store): a statement that writes is refused even with ``write``, since the graph
    file is the store of record."""
    from kg.errors import ReadOnlyError
    from kg.store.limits import check_bounds, check_params
    from kg.store.read_only import check_read_only, writing_clause

    check_bounds(query)
    check_params(params)
    if write:
        clause = writing_clause(query)
        if clause is not None:
            raise ReadOnlyError(
                f"the embedded store runs read-only Cypher only ({clause} refused): its store of "
                "record is the graph file, changed by 'kg ingest'; use a Neo4j store to write with Cypher"
            )
    check_read_only(query)
