"""The embedded store opened for reading: answers from its on-disk Cypher engine, never parsing
the graph file.

The graph file (``graph.json``) stays the store of record; ``kg ingest`` builds the engine of
each version it commits (:meth:`NetworkXStore.build_engine`), so a read command opens a
database file and asks it what it needs (a paper, its edges, a count) instead of loading the
whole graph. A graph file without its engine (written by an older paper-kg, or by a library
caller that did not build it) gets one built by the first reader, under a lock, while other
readers wait for it (:func:`kg.store.embedded_cypher.current`).

Answers are the embedded store's: the same nodes, edges, properties and order as
:class:`~kg.store.nx_store.NetworkXStore` gives (the contract suite runs over both). The
NetworkX graph is still there for code that wants it (:attr:`EngineStore.graph`, loaded on
first use, and :func:`kg.load_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.model import SCHEMA, Edge, Label, Node, RelType
from kg.store.base import Row, Stats, Subgraph

if TYPE_CHECKING:
    import networkx as nx

    from kg.store.embedded_cypher import EmbeddedCypher, FileState

_BY_PREFIX = {label.id_prefix: label for label in Label if label.id_prefix}
_LISTED = ("published", "listed", "title", "upvotes")
_CHUNK = 10_000
"""Ids passed to one statement at most."""


def label_of(node_id: str) -> Label:
    """The label an id belongs to: its prefix (``method:``, ``repo:`` …), else a paper."""
    prefix, colon, _ = node_id.partition(":")
    return _BY_PREFIX.get(prefix, Label.PAPER) if colon else Label.PAPER


def _node(label: Label, value: Mapping[str, Any]) -> Node:
    props = dict(value)
    node_id = props.pop("id")
    return Node(node_id, label, props)


class EngineStore:
    """A read-only :class:`~kg.store.base.GraphStore` over the embedded store's Cypher engine."""

    cypher_dialect = "embedded"

    def __init__(self, path: Path, state: FileState | None = None) -> None:
        from kg.store.embedded_cypher import current

        self.path = path
        self._engine: EmbeddedCypher = current(path, self._load, state)
        self._columns: dict[str, set[str]] = {}

    def __str__(self) -> str:
        return str(self.path)

    def _load(self) -> nx.MultiDiGraph:
        return self.graph

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The NetworkX graph of the file (parsed on first use: for graph algorithms)."""
        from kg.store.nx_store import NetworkXStore

        return NetworkXStore(self.path, create=False).graph

    def run_named(
        self, name: str, params: Mapping[str, Any] | None = None, **values: str
    ) -> list[dict[str, Any]]:
        """Rows of the ``queries/embedded`` statement ``name`` (placeholders from enums only)."""
        return self._run(name, params, **values)

    def _run(self, name: str, params: Mapping[str, Any] | None = None, **values: str) -> list[dict[str, Any]]:
        from kg.store.engine_build import statement

        return self._engine.run(statement(name, **values), dict(params or {}))

    # -- reads ----------------------------------------------------------------------------

    def get_nodes(self, label: Label, ids: Iterable[str]) -> dict[str, Node]:
        wanted = sorted({i for i in ids if isinstance(i, str)})
        found: dict[str, Node] = {}
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            for row in self._run("read-get-nodes", {"ids": part}, label=label.value):
                node = _node(label, row["n"])
                found[node.id] = node
        return found

    def find_nodes(self, label: Label, prop: str, values: Iterable[Any]) -> dict[Any, str]:
        wanted = [v for v in dict.fromkeys(values) if v is not None]
        if not wanted or prop not in self._table_columns(label.value) or prop == "id":
            return {}
        found: dict[Any, str] = {}
        kinds = {type(v) for v in wanted}
        if len(kinds) > 1 or not kinds <= {str, int, float, bool}:
            return {v: i for v in wanted for i in [self._find_one(label, prop, v)] if i is not None}
        for row in self._run("read-find-nodes", {"values": wanted}, label=label.value, prop=prop):
            found[row["value"]] = row["id"]
        return found

    def _find_one(self, label: Label, prop: str, value: Any) -> str | None:
        try:
            rows = self._run("read-find-nodes", {"values": [value]}, label=label.value, prop=prop)
        except StoreError:
            return None
        return rows[0]["id"] if rows else None

    def _table_columns(self, table: str) -> set[str]:
        """The columns of an engine table (property names, checked before naming one in a query)."""
        if table not in self._columns:
            rows = self._engine.run(f"CALL table_info('{table}') RETURN *", {})
            self._columns[table] = {str(row["name"]) for row in rows}
        return self._columns[table]

    def iter_nodes(self, label: Label) -> Iterator[Node]:
        for row in self._run("read-iter-nodes", label=label.value):
            yield _node(label, row["n"])

    def iter_node_props(self, label: Label, props: Sequence[str]) -> Iterator[Node]:
        known = self._table_columns(label.value)
        columns = [p for p in dict.fromkeys(props) if p in known and p != "id"]
        returned = ", ".join(["n.id AS id", *(f"n.`{p}` AS `{p}`" for p in columns)])
        query = statement_text("read-node-props", label=label.value, columns=returned)
        for row in self._engine.run(query, {}):
            node_id = row.pop("id")
            yield Node(node_id, label, {k: v for k, v in row.items() if v is not None})

    def iter_edges(self, rel: RelType) -> Iterator[Edge]:
        src, dst = SCHEMA[rel]
        for row in self._run("read-iter-edges", rel=rel.value, src=src.value, dst=dst.value):
            yield Edge(row["source"], row["target"], rel, row["r"])

    def _label(self, node_id: str) -> Label | None:
        """The label of a node: the one its id's prefix names, else whichever has it."""
        guess = label_of(node_id)
        for label in (guess, *(label for label in Label if label is not guess)):
            if self._run("read-get-nodes", {"ids": [node_id]}, label=label.value):
                return label
        return None

    def edges_of(self, node_id: str, label: Label | None = None) -> list[Edge]:
        """Every edge into or out of a node (``label``: the node's, when the caller knows it)."""
        label = label or self._label(node_id)
        if label is None:
            return []
        rows = self._run("read-edges-out", {"id": node_id}, label=label.value)
        rows += self._run("read-edges-in", {"id": node_id}, label=label.value)
        return _edges(rows)

    def source_dates(self, rels: Sequence[RelType], targets: Iterable[str]) -> dict[tuple[str, str], Row]:
        """``{(target, source): {"published": ..., "listed": ...}}`` for every paper with an edge
        of one of ``rels`` into one of ``targets`` (one statement a target label and chunk)."""
        from kg.store.base import rels_by_target

        wanted = sorted({i for i in targets if isinstance(i, str)})
        found: dict[tuple[str, str], Row] = {}
        for label, group in rels_by_target(rels).items():
            joined = "|".join(rel.value for rel in group)
            for start in range(0, len(wanted), _CHUNK):
                params = {"ids": wanted[start : start + _CHUNK]}
                for row in self._run("read-dated-sources", params, label=label.value, rels=joined):
                    dates = {"published": row["published"], "listed": row["listed"]}
                    found[(row["target"], row["source"])] = dates
        return found

    def dated_sources(self, rels: Sequence[RelType], targets: Iterable[str]) -> list[tuple[str, str, str]]:
        from kg.store.base import paper_date

        found = self.source_dates(rels, targets)
        return sorted((t, s, d) for (t, s), props in found.items() if (d := paper_date(props)))

    def neighbourhood(self, node_id: str, hops: int = 1) -> Subgraph:
        label = self._label(node_id)
        if label is None:
            return Subgraph()
        # Breadth-first, ignoring direction, a node at a time: the engine answers a primary-key
        # lookup and its adjacency lists in a millisecond, an undirected pattern over many
        # nodes by scanning every table. Each expanded node's edges both ways are kept; the
        # last ring's edges among themselves are the out-edges of its nodes that stay inside.
        reached: dict[str, Label] = {node_id: label}
        frontier = [node_id]
        edge_rows: list[dict[str, Any]] = []
        for _ in range(hops):
            found: dict[str, Label] = {}
            for current in frontier:
                for name, other in (("read-edges-out", "target"), ("read-edges-in", "source")):
                    for row in self._run(name, {"id": current}, label=reached[current].value):
                        edge_rows.append(row)
                        if row[other] not in reached:
                            found[row[other]] = _end_label(row, other)
            frontier = sorted(found)
            reached.update(found)
            if not frontier:
                break
        for current in frontier:
            for row in self._run("read-edges-out", {"id": current}, label=reached[current].value):
                if row["target"] in reached:
                    edge_rows.append(row)
        nodes: dict[str, Node] = {}
        for group_label, ids in _by_label(reached).items():
            nodes.update(self.get_nodes(group_label, ids))
        return Subgraph([nodes[n] for n in sorted(nodes)], _edges(edge_rows))

    def newest_papers(self, limit: int, *, has_code: bool = False) -> list[Node]:
        """The ``limit`` newest papers (published, else listed; undated last; ties by id; only
        those with a link if ``has_code``) with their id, dates, title and upvotes: a listing
        without reading every paper."""
        name = "read-newest-papers-with-code" if has_code else "read-newest-papers"
        rows = self._run(name, {"limit": limit})
        listed = [(row["id"], {k: row[k] for k in _LISTED if row.get(k) is not None}) for row in rows]
        return [Node(node_id, Label.PAPER, props) for node_id, props in listed]

    def stats(self) -> Stats:
        nodes = {label.value: self._run("read-count-nodes", label=label.value)[0]["count"] for label in Label}
        edges = {}
        for rel in RelType:
            src, dst = SCHEMA[rel]
            rows = self._run("read-count-edges", rel=rel.value, src=src.value, dst=dst.value)
            edges[rel.value] = rows[0]["count"]
        return Stats.of(nodes, edges)

    def run_cypher(
        self,
        query: str,
        params: Mapping[str, Any],
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """Read-only Cypher on the engine (see :meth:`NetworkXStore.run_cypher`)."""
        from kg.store.limits import DEFAULT_TIMEOUT
        from kg.store.nx_store import check_embedded_statement

        check_embedded_statement(query, params, write=write)
        return self._engine.run(query, params, timeout=timeout or DEFAULT_TIMEOUT)

    # -- writes: refused ------------------------------------------------------------------------

    def _read_only(self) -> StoreError:
        return StoreError(f"{self.path}: opened for reading; open the store for writing to change it")

    def upsert_nodes(self, label: Label, rows: Iterable[Row]) -> None:
        raise self._read_only()

    def upsert_edges(self, rel: RelType, rows: Iterable[tuple[str, str, Row]]) -> None:
        raise self._read_only()

    def rename_node(self, label: Label, old_id: str, new_id: str) -> None:
        raise self._read_only()

    def clear(self) -> None:
        raise self._read_only()

    def commit(self) -> None:
        """Nothing to commit: a reader never writes."""

    def close(self) -> None:
        self._engine.close()


def statement_text(name: str, **values: str) -> str:
    """A ``queries/embedded`` template filled (values from enums and checked column names only)."""
    from kg.store.engine_build import statement

    return statement(name, **values)


def _edges(rows: Iterable[Mapping[str, Any]]) -> list[Edge]:
    """Edges from rows of (type, source, target, r), without duplicates, ordered by (type, source, target)."""
    edges = {(row["type"], row["source"], row["target"]): row["r"] for row in rows}
    return [Edge(s, t, RelType(k), props) for (k, s, t), props in sorted(edges.items())]


def _end_label(row: Mapping[str, Any], end: str) -> Label:
    """The label of an edge row's ``source`` or ``target``, from the schema of its type."""
    return SCHEMA[RelType(row["type"])][0 if end == "source" else 1]


def _by_label(labels: Mapping[str, Label]) -> dict[Label, list[str]]:
    grouped: dict[Label, list[str]] = {}
    for node_id in sorted(labels):
        grouped.setdefault(labels[node_id], []).append(node_id)
    return grouped


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
