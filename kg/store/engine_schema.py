"""The embedded Cypher engine's tables: one node table a label, one relationship table a type.

Every table has the properties of the README's graph schema with fixed types, so a query may
name a property no node has yet (Neo4j returns null for it; the engine would refuse an unknown
column). Any other property found in the graph gets a column too, typed from its values. A value
that does not fit its column (a string in an INT64 column) stops the build with a
:class:`~kg.errors.StoreError` naming the property: the engine has one type a column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from kg.errors import StoreError
from kg.model import Label, RelType

STRING, INT64, DOUBLE, BOOL = "STRING", "INT64", "DOUBLE", "BOOL"
SCALARS = (STRING, INT64, DOUBLE, BOOL)

_ENTITY = {"name": STRING, "aliases": f"{STRING}[]"}
NODE_COLUMNS: dict[Label, dict[str, str]] = {label: dict(_ENTITY) for label in Label}
NODE_COLUMNS[Label.PAPER] = {
    "title": STRING,
    "abstract": STRING,
    "arxiv_id": STRING,
    "authors": f"{STRING}[]",
    "author_count": INT64,
    "published": STRING,
    "listed": STRING,
    "upvotes": INT64,
    "url": STRING,
    "code_url": STRING,
    "categories": f"{STRING}[]",
    "sources": f"{STRING}[]",
    "source_keys": f"{STRING}[]",
    "title_key": STRING,
}
NODE_COLUMNS[Label.MODEL] = {**_ENTITY, "family": STRING, "family_id": STRING}
NODE_COLUMNS[Label.REPO] = {**_ENTITY, "url": STRING, "kind": STRING}

_EDGE = {
    "evidence": STRING,
    "sentence_start": INT64,
    "start": INT64,
    "end": INT64,
    "surface": STRING,
    "extractor": STRING,
    "confidence": DOUBLE,
    "role": STRING,
    "mentions": INT64,
}
REL_COLUMNS: dict[RelType, dict[str, str]] = {rel: dict(_EDGE) for rel in RelType}
REL_COLUMNS[RelType.WROTE] = {**_EDGE, "position": INT64}
# Concepts and topics (kg.concepts).
NODE_COLUMNS[Label.CONCEPT] = {**_ENTITY, "df": INT64, "idf": DOUBLE}
NODE_COLUMNS[Label.TOPIC] = {**_ENTITY, "size": INT64, "concepts": f"{STRING}[]"}
REL_COLUMNS[RelType.ABOUT] = {**_EDGE, "weight": DOUBLE}
REL_COLUMNS[RelType.IN_TOPIC] = {"weight": DOUBLE}

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
"""Property names the engine gets a column for (quoted in backticks in every statement)."""


def is_list(kind: str) -> bool:
    return kind.endswith("[]")


def element(kind: str) -> str:
    """The element type of a list type (the type itself for a scalar)."""
    return kind[:-2] if is_list(kind) else kind


def value_kind(value: Any) -> str | None:
    """The column type a value needs; ``None`` for a null or an empty list (any list type fits)."""
    if value is None:
        return None
    if isinstance(value, list):
        kinds = {kind for kind in map(value_kind, value) if kind is not None}
        if not kinds:
            return None
        merged = _merge_all(kinds)
        if merged is None or is_list(merged):
            raise ValueError(f"a list of mixed or nested values ({sorted(kinds)})")
        return f"{merged}[]"
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT64
    if isinstance(value, float):
        return DOUBLE
    if isinstance(value, str):
        return STRING
    raise ValueError(f"a {type(value).__name__} value")


def merge(a: str | None, b: str | None) -> str | None:
    """The column type holding values of both types (INT64 and DOUBLE make DOUBLE); ``None`` if none does."""
    if a is None or a == b:
        return b
    if b is None:
        return a
    if {element(a), element(b)} == {INT64, DOUBLE} and is_list(a) == is_list(b):
        return f"{DOUBLE}[]" if is_list(a) else DOUBLE
    return None


def _merge_all(kinds: Iterable[str]) -> str | None:
    out: str | None = None
    for kind in kinds:
        merged = merge(out, kind)
        if merged is None:
            return None
        out = merged
    return out


def table_columns(table: str, fixed: Mapping[str, str], rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The columns of a table: ``fixed`` widened and extended by what ``rows`` hold (a full scan)."""
    columns = dict(fixed)
    untyped: dict[str, str] = {}  # keys seen only with nulls or empty lists so far
    for row in rows:
        for key, value in row.items():
            try:
                kind = value_kind(value)
            except ValueError as exc:
                raise StoreError(f"{table}.{key}: the embedded Cypher engine cannot hold {exc}") from exc
            if kind is None:
                if key not in columns:
                    untyped.setdefault(key, f"{STRING}[]" if isinstance(value, list) else STRING)
                continue
            if key not in columns:
                _check_name(table, key)
                columns[key] = kind
                continue
            merged = merge(columns[key], kind)
            if merged is None:
                raise StoreError(
                    f"{table}.{key}: holds {kind} and {columns[key]} values; the embedded Cypher engine "
                    "needs one type a property"
                )
            columns[key] = merged
    for key, kind in untyped.items():
        if key not in columns:
            _check_name(table, key)
            columns[key] = kind
    return columns


def _check_name(table: str, key: str) -> None:
    if not NAME.match(key) or key == "id":
        raise StoreError(
            f"{table}: the property name {key!r} cannot be a column of the embedded Cypher engine "
            "(use letters, digits and _, starting with a letter)"
        )
