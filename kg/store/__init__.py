"""Graph stores: one interface (:class:`GraphStore`), an embedded and a Neo4j implementation."""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import GraphStore, Stats, Subgraph

DEFAULT_GRAPH = Path("kg-data") / "graph.json"

__all__ = ["DEFAULT_GRAPH", "GraphStore", "Stats", "Subgraph", "default_graph_path", "open_store"]


def default_graph_path() -> Path:
    """``$KG_GRAPH`` or ``./kg-data/graph.json``."""
    return Path(os.environ.get("KG_GRAPH") or DEFAULT_GRAPH)


def open_store(graph: str | Path | None = None, *, create: bool = True) -> GraphStore:
    """Open the embedded store at ``graph`` (default :func:`default_graph_path`)."""
    from kg.store.nx_store import NetworkXStore

    return NetworkXStore(Path(graph) if graph is not None else default_graph_path(), create=create)
