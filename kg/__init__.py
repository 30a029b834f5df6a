"""paper-kg: research papers into a knowledge graph of methods, datasets, models and tasks.

Importing ``kg`` is cheap; spaCy, neo4j and pyvis load only in the functions that need them.
The query functions (``find``, ``entity_report``, ``get_query``, ``list_queries``,
``run_named_query``, ...) are importable from here too; they live in :mod:`kg.query`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.query import (
        entity_report,
        find,
        get_query,
        list_queries,
        load_template,
        method_report,
        run_checked,
        run_named_query,
        shared_methods,
    )

__version__ = "0.1.0"
__all__ = [
    "entity_report",
    "find",
    "get_query",
    "list_queries",
    "load_graph",
    "load_template",
    "method_report",
    "run_checked",
    "run_named_query",
    "shared_methods",
]


def load_graph(spec: object = None) -> object:
    """The graph as a NetworkX ``MultiDiGraph`` (see :func:`kg.store.load_graph`)."""
    from kg.store import load_graph as load

    return load(spec)  # type: ignore[arg-type]


def __getattr__(name: str) -> Any:
    """The query functions of :mod:`kg.query`, loaded on first use."""
    from importlib import import_module

    if not name.startswith("__"):
        query = import_module("kg.query")
        if name in query.PUBLIC:
            return getattr(query, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
