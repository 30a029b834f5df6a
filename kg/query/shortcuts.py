"""Shortcuts over the named queries: ``kg shared-methods PAPER`` and ``kg method NAME``."""

from __future__ import annotations

from typing import Any

from kg.model import Label
from kg.query.named import run_named_query
from kg.resolve_names import resolve_entity
from kg.store.base import GraphStore

COOCCURRING = 10
"""How many methods used together with a method ``kg method`` lists."""


def shared_methods(store: GraphStore, paper: str, *, k: int = 1, limit: int = 20) -> list[dict[str, Any]]:
    """The papers sharing at least ``k`` methods with ``paper`` (the ``shared-methods`` query)."""
    return run_named_query(store, "shared-methods", {"paper": paper, "k": k, "limit": limit})


def method_report(store: GraphStore, name: str, *, cooccurring: int = COOCCURRING) -> dict[str, Any]:
    """Who proposed a method, who uses it and with which datasets and tasks, and the methods used
    with it most often (the ``papers-using-method`` and ``method-cooccurrence`` queries).

    ``name`` is the canonical name, any alias (case-insensitive) or the id.
    """
    method_id = resolve_entity(store, "method", name)
    node = store.get_nodes(Label.METHOD, [method_id])[method_id]
    papers = run_named_query(store, "papers-using-method", {"method": method_id})
    together = run_named_query(store, "method-cooccurrence", {"method": method_id, "limit": cooccurring})
    return {
        "method": {
            "id": method_id,
            "name": node.props.get("name"),
            "aliases": list(node.props.get("aliases") or []),
        },
        "proposed_by": [row for row in papers if row["role"] == "proposed"],
        "used_by": [row for row in papers if row["role"] != "proposed"],
        "used_with": together,
    }
