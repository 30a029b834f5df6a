"""The one interface both stores implement, and the plain values it speaks in.

Writes are batched upserts keyed by node id (MERGE semantics: properties given overwrite,
others stay; a ``None`` value means "not given", never "remove", and is not stored); reads return
plain :class:`~kg.model.Node` and :class:`~kg.model.Edge` values in a deterministic order, so the
embedded and the Neo4j store give identical answers to the same writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kg.model import Edge, Label, Node, RelType

Row = Mapping[str, Any]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of at most ``size`` (the last one shorter)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def paper_date(props: Mapping[str, Any]) -> str | None:
    """A paper's date: published, else listed (``None``: undated)."""
    value = props.get("published") or props.get("listed")
    return str(value) if value else None


def rels_by_target(rels: Iterable[RelType]) -> dict[Label, list[RelType]]:
    """Relationship types grouped by the label they point at (kg.model.SCHEMA), in enum order."""
    from kg.model import SCHEMA

    wanted = set(rels)
    grouped: dict[Label, list[RelType]] = {}
    for rel in RelType:
        if rel in wanted:
            grouped.setdefault(SCHEMA[rel][1], []).append(rel)
    return grouped


def present(row: Row, *skip: str) -> dict[str, Any]:
    """A row's properties without ``None`` values (and without the keys in ``skip``), tuples as lists."""
    return {
        k: list(v) if isinstance(v, tuple) else v for k, v in row.items() if v is not None and k not in skip
    }


@dataclass(frozen=True, slots=True)
class Stats:
    """Node counts per label and edge counts per type (every label and type, zeros included)."""

    nodes: dict[str, int]
    edges: dict[str, int]

    @classmethod
    def of(cls, nodes: Mapping[str, int], edges: Mapping[str, int]) -> Stats:
        return cls(
            {label.value: nodes.get(label.value, 0) for label in Label},
            {rel.value: edges.get(rel.value, 0) for rel in RelType},
        )

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"nodes": dict(self.nodes), "edges": dict(self.edges)}


@dataclass(slots=True)
class Subgraph:
    """Nodes and the edges among them, deterministically ordered."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


class GraphStore(Protocol):
    """A graph of papers and entities, embedded (NetworkX) or remote (Neo4j)."""

    cypher_dialect: str
    """Which Cypher :meth:`run_cypher` speaks: ``"embedded"`` (ladybug) or ``"neo4j"``."""

    def upsert_nodes(self, label: Label, rows: Iterable[Row]) -> None:
        """Create or update nodes; every row has an ``id`` and scalar or list-of-scalar values.

        Ids are unique within a label (the embedded store also refuses one id under two labels).
        """

    def upsert_edges(self, rel: RelType, rows: Iterable[tuple[str, str, Row]]) -> None:
        """Create or update ``(source, target, props)`` edges; both ends must exist."""

    def rename_node(self, label: Label, old_id: str, new_id: str) -> None:
        """Give a node a new id, keeping its properties and edges."""

    def get_nodes(self, label: Label, ids: Iterable[str]) -> dict[str, Node]:
        """The nodes among ``ids`` that exist, by id."""

    def find_nodes(self, label: Label, prop: str, values: Iterable[Any]) -> dict[Any, str]:
        """For each value, the id of a node of ``label`` whose ``prop`` equals it (if any)."""

    def iter_nodes(self, label: Label) -> Iterator[Node]:
        """Every node of a label, ordered by id (streamed)."""

    def iter_node_props(self, label: Label, props: Sequence[str]) -> Iterator[Node]:
        """Every node of a label with only the properties ``props`` (those it has), ordered by id:
        a listing that needs a few columns of many nodes (titles and dates, not abstracts)."""

    def iter_edges(self, rel: RelType) -> Iterator[Edge]:
        """Every edge of a type, ordered by (source, target) (streamed)."""

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge into or out of a node, ordered by (type, source, target)."""

    def dated_sources(self, rels: Sequence[RelType], targets: Iterable[str]) -> list[tuple[str, str, str]]:
        """``(target, source, date)`` for every dated paper with an edge of one of ``rels`` (types
        from Paper) into one of ``targets``, ordered; the date is published, else listed
        (:func:`paper_date`). Many targets in one batched read (kg.proposals)."""

    def neighbourhood(self, node_id: str, hops: int = 1) -> Subgraph:
        """The nodes within ``hops`` of a node (ignoring direction) and the edges among them."""

    def stats(self) -> Stats:
        """Counts per label and per relationship type."""

    def run_cypher(
        self,
        query: str,
        params: Mapping[str, Any],
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """Run a Cypher statement with parameters; one dict a result row (see kg.store.cypher_values).

        A statement that writes is refused with :class:`~kg.errors.ReadOnlyError` unless ``write``
        (kg.store.read_only); the embedded store refuses writes even then. A statement too long or
        too deep, or an integer parameter past 64 bits, is a :class:`~kg.errors.QueryLimitError`
        (kg.store.limits); a query still running after ``timeout`` seconds (None: the default,
        60) is stopped with a :class:`~kg.errors.QueryTimeoutError`.
        """

    def clear(self) -> None:
        """Delete every node and edge."""

    def commit(self) -> None:
        """Make the writes so far durable."""

    def close(self) -> None:
        """Release resources (without committing)."""
