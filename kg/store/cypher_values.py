"""Cypher result values as the same plain Python values on both stores.

A returned node or relationship becomes the dict of its properties (null properties left out:
Neo4j stores none), a path the list ``[node, rel, node, …]`` of those dicts; Neo4j temporal
values become ``datetime`` values, the embedded engine's 128-bit integers (``sum`` of
integers) plain ``int``. Named queries return properties and scalars, so they never depend on
this, but an ad-hoc ``RETURN n`` still reads the same on both stores.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

_ENGINE_NODE = ("_ID", "_LABEL")
_ENGINE_REL = ("_SRC", "_DST", "_LABEL")
_ENGINE_PATH = ("_NODES", "_RELS")


def engine_value(value: Any) -> Any:
    """A value from the embedded engine (ladybug) as a plain value."""
    if isinstance(value, dict):
        if all(k in value for k in _ENGINE_PATH):
            nodes = [engine_value(n) for n in value["_NODES"]]
            rels = [engine_value(r) for r in value["_RELS"]]
            return _interleave(nodes, rels)
        if all(k in value for k in _ENGINE_NODE) or all(k in value for k in _ENGINE_REL):
            return {k: engine_value(v) for k, v in value.items() if not k.startswith("_") and v is not None}
        return {k: engine_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [engine_value(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def neo4j_value(value: Any) -> Any:
    """A value from the Neo4j driver as a plain value."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node | Relationship):
        return {k: neo4j_value(v) for k, v in value.items()}
    if isinstance(value, Path):
        nodes = [neo4j_value(n) for n in value.nodes]
        return _interleave(nodes, [neo4j_value(r) for r in value.relationships])
    if isinstance(value, list):
        return [neo4j_value(v) for v in value]
    if isinstance(value, Mapping):
        return {k: neo4j_value(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)
    if to_native is not None and type(value).__module__.startswith("neo4j.time"):
        return to_native()
    return value


def _interleave(nodes: list[Any], rels: list[Any]) -> list[Any]:
    out: list[Any] = []
    for k, node in enumerate(nodes):
        out.append(node)
        if k < len(rels):
            out.append(rels[k])
    return out
