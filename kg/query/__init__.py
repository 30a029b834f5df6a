"""Asking the graph: named queries (``queries/*.cypher``), ad-hoc Cypher behind the read-only
check, native answers, parameters, finders and the one template loader.

- :mod:`kg.query.template`: loads a ``queries/**/*.cypher`` template with its header.
- :mod:`kg.query.named`: the named-query library (list, show, run on either store).
- :mod:`kg.query.native`: named queries the embedded store answers with graph code.
- :mod:`kg.query.params`: parameter declarations, ``-p key=value`` and coercion.
- :mod:`kg.query.cypher_guard`, :mod:`kg.query.dialect_hints`: user Cypher, bounded and read-only,
  and what to say when the embedded engine refuses it.
- :mod:`kg.query.shortcuts`: ``kg shared-methods`` and ``kg method``.
- :mod:`kg.query.finder`, :mod:`kg.query.entity`: ``kg find`` and ``kg entity``.

The functions below are importable from here (and from ``kg``); each module loads on first use,
so importing the package stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.query.cypher_guard import run_checked as run_checked
    from kg.query.entity import entity_report as entity_report
    from kg.query.finder import find as find
    from kg.query.named import get_query as get_query
    from kg.query.named import list_queries as list_queries
    from kg.query.named import run_named_query as run_named_query
    from kg.query.shortcuts import method_report as method_report
    from kg.query.shortcuts import shared_methods as shared_methods
    from kg.query.template import load_template as load_template

PUBLIC: dict[str, str] = {
    "entity_report": "kg.query.entity",
    "find": "kg.query.finder",
    "get_query": "kg.query.named",
    "list_queries": "kg.query.named",
    "load_template": "kg.query.template",
    "method_report": "kg.query.shortcuts",
    "run_checked": "kg.query.cypher_guard",
    "run_named_query": "kg.query.named",
    "shared_methods": "kg.query.shortcuts",
}
"""Public name -> the module defining it."""

__all__ = [
    "entity_report",
    "find",
    "get_query",
    "list_queries",
    "load_template",
    "method_report",
    "run_checked",
    "run_named_query",
    "shared_methods",
]


def __getattr__(name: str) -> Any:
    if name in PUBLIC:
        return getattr(import_module(PUBLIC[name]), name)
    raise AttributeError(f"module 'kg.query' has no attribute {name!r}")
