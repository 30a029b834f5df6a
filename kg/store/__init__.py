"""Graph stores: one interface (:class:`GraphStore`), an embedded and a Neo4j implementation.

A store is named by a spec: ``nx:PATH`` (or a bare path) for the embedded NetworkX store, or a
Neo4j URI (``bolt://host:port``, ``neo4j://…``, ``neo4j+s://…``, ``+ssc`` variants). Neo4j
credentials and the database come from the environment only, never from the spec.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kg.errors import StoreError

if TYPE_CHECKING:
    import networkx as nx
from kg.store.base import GraphStore, Stats, Subgraph

DEFAULT_GRAPH = Path("kg-data") / "graph.json"
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
STORE_ENV = "KG_STORE"
GRAPH_ENV = "KG_GRAPH"
USER_ENV, PASSWORD_ENV, DATABASE_ENV = "KG_NEO4J_USER", "KG_NEO4J_PASSWORD", "KG_NEO4J_DATABASE"

__all__ = [
    "DEFAULT_GRAPH",
    "GraphStore",
    "Stats",
    "Subgraph",
    "default_graph_path",
    "load_graph",
    "open_store",
    "store_kind",
    "write_lock",
]


def default_graph_path() -> Path:
    """``$KG_GRAPH`` or ``./kg-data/graph.json``."""
    return Path(os.environ.get(GRAPH_ENV) or DEFAULT_GRAPH)


def store_kind(spec: str | Path | None) -> tuple[str, str]:
    """``("nx", path)`` or ``("neo4j", uri)`` for a spec (None: ``$KG_STORE``, else the default graph)."""
    if spec is None:
        spec = os.environ.get(STORE_ENV) or default_graph_path()
    if isinstance(spec, Path):
        return "nx", str(spec)
    if spec.startswith("nx:"):
        return "nx", spec[3:] or str(default_graph_path())
    if "://" not in spec:
        return "nx", spec
    scheme = spec.split("://", 1)[0].lower()
    if scheme not in NEO4J_SCHEMES:
        raise StoreError(
            f"unknown store scheme {scheme!r}: use nx:PATH, bolt://host:port, neo4j://host:port or neo4j+s://host"
        )
    _check_uri(spec, scheme)
    return "neo4j", spec


def _check_uri(spec: str, scheme: str) -> None:
    """Refuse credentials, a query or fragment, and a bad port in a Neo4j URI (never echoing them)."""
    parts = urlsplit(spec)
    if "@" in parts.netloc or parts.query or parts.fragment or "?" in spec or "#" in spec:
        raise StoreError(
            f"put Neo4j credentials in {USER_ENV} and {PASSWORD_ENV}, not in the store URI: "
            f"give it as {scheme}://host:port, without user, password or ?… options"
        )
    if parts.netloc.startswith("["):  # [IPv6]:port
        host, _, rest = parts.netloc[1:].partition("]")
        port = rest.removeprefix(":")
    else:
        host, _, port = parts.netloc.partition(":")
    if not host:
        raise StoreError(f"the store URI names no host: give it as {scheme}://host:port")
    if port and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
        shown = f" {port}" if port.isascii() and port.isdigit() and len(port) <= 10 else ""
        raise StoreError(f"the store URI's port{shown} is not a number from 1 to 65535")


def open_store(spec: str | Path | None = None, *, create: bool = True) -> GraphStore:
    """Open the store a spec names (see :func:`store_kind`); ``create=False`` opens for reading.

    The embedded store opened for reading answers from its on-disk Cypher engine without
    parsing the graph file (:class:`~kg.store.engine_store.EngineStore`, read-only); opened
    for writing, an existing graph is written through that engine and committed by merging the
    changes into the file and the engine (:class:`~kg.store.incremental.IncrementalStore`),
    and a new graph (or a file in an older layout) is a NetworkX graph in memory
    (:class:`~kg.store.nx_store.NetworkXStore`).

    Neo4j: user ``$KG_NEO4J_USER`` (default ``neo4j``), password ``$KG_NEO4J_PASSWORD``,
    database ``$KG_NEO4J_DATABASE`` (default: the server's default database).
    """
    kind, where = store_kind(spec)
    if kind == "nx":
        if not create:
            from kg.store.engine_store import EngineStore

            return EngineStore(Path(where))
        from kg.store.graph_file import is_line_format
        from kg.store.nx_store import NetworkXStore

        if is_line_format(Path(where)):
            from kg.store.incremental import IncrementalStore

            return IncrementalStore(Path(where))
        return NetworkXStore(Path(where), create=create)
    try:
        from kg.store.neo4j_store import Neo4jStore
    except ImportError as exc:
        raise StoreError(
            f"a Neo4j store needs the neo4j driver: pip install 'paper-kg[neo4j]' ({exc})"
        ) from exc
    return Neo4jStore(
        where,
        user=os.environ.get(USER_ENV) or "neo4j",
        password=os.environ.get(PASSWORD_ENV) or None,
        database=os.environ.get(DATABASE_ENV) or None,
        create=create,
    )


@contextmanager
def write_lock(
    spec: str | Path | None, *, what: str = "", on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store's writer lock for the block: open the store, write and commit inside it.

    The embedded store: an exclusive lock on ``<graph>.lock`` (kg.store.lock), so that two
    writers never both read the same graph and the later commit drops the other's papers;
    ``on_wait`` gets one line naming the holder when this has to wait. Neo4j: no lock (its
    writes are transactional upserts).
    """
    kind, where = store_kind(spec)
    if kind != "nx":
        yield
        return
    from kg.store.lock import exclusive, lock_path

    with exclusive(lock_path(Path(where)), what=what, on_wait=on_wait):
        yield


def load_graph(spec: str | Path | None = None) -> nx.MultiDiGraph:
    """The embedded store's graph as a NetworkX ``MultiDiGraph`` (node key: id, attribute
    ``label``; edge key: the relationship type), for graph algorithms. A Neo4j store is copied."""
    kind, where = store_kind(spec)
    from kg.store.nx_store import NetworkXStore

    if kind == "nx":
        return NetworkXStore(Path(where), create=False).graph
    from kg.store.copy import copy_graph

    copy = NetworkXStore(None)
    source = open_store(spec, create=False)
    try:
        copy_graph(source, copy)
    finally:
        source.close()
    return copy.graph
