"""A commit's changes applied to a copy of the embedded Cypher engine, instead of a rebuild.

The engine of the committed graph file is copied (engines are never written once in place), the
changed nodes and relationships are upserted into the copy with parameterised ``UNWIND $rows``
statements (``queries/embedded/write-upsert-*.cypher``), and the copy becomes the engine of the
new graph file. Rows are grouped by their properties and value types (one statement shape a
group); a property the table has no column for gets one (``ALTER TABLE … ADD``). A value its
column cannot take without changing the column's type is a :class:`RebuildNeededError`: the
caller builds the engine from the graph file instead (:mod:`kg.store.engine_build`).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import SCHEMA, RelType
from kg.store.engine_schema import NAME, merge, value_kind

if TYPE_CHECKING:
    import ladybug

NodeUpdates = Mapping[tuple[str, str], Mapping[str, Any]]
EdgeUpdates = Mapping[tuple[str, str, str], Mapping[str, Any]]
_CHUNK = 10_000
"""Rows a statement at most."""


class RebuildNeededError(Exception):
    """The changes do not fit the engine's tables as they are: build it again from the file."""


def updated_copy(engine: Path, nodes: NodeUpdates, edges: EdgeUpdates) -> Path:
    """A copy of ``engine`` (beside it, under a temporary name) with the updates applied and
    checkpointed; the caller renames it into place. :class:`RebuildNeededError` (the copy
    removed) if the updates need another table layout, or the engine fails on them."""
    import ladybug

    from kg.store.embedded_cypher import BUILD_SETTINGS, _companions, message

    partial = engine.parent / f".building-{os.getpid()}-{secrets.token_hex(4)}{engine.suffix}"
    try:
        shutil.copyfile(engine, partial)
        database = ladybug.Database(str(partial), **BUILD_SETTINGS)
        conn = ladybug.Connection(database)
        try:
            apply(conn, nodes, edges)
        except RuntimeError as exc:
            raise RebuildNeededError(message(exc)) from exc
        finally:
            conn.close()
            database.close()
        if _companions(partial):
            raise RebuildNeededError(f"{partial}: the engine left files behind after closing")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        for leftover in (partial, *_companions(partial)):
            leftover.unlink(missing_ok=True)
        raise
    return partial


def apply(conn: ladybug.Connection, nodes: NodeUpdates, edges: EdgeUpdates) -> None:
    """Upsert the nodes, then the relationships, into an open engine."""
    from kg.store.engine_build import statement

    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (label, node_id), props in nodes.items():
        by_label[label].append({"id": node_id, **props})
    for label, rows in sorted(by_label.items()):
        for keys, group in _groups(conn, label, rows, ("id",)):
            for part in _chunks(group):
                conn.execute(statement("write-upsert-nodes", label=label, set=_set(keys)), {"rows": part})
    by_rel: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (rel, source, target), props in edges.items():
        by_rel[rel].append({"source": source, "target": target, **props})
    for rel, rows in sorted(by_rel.items()):
        src, dst = (end.value for end in SCHEMA[RelType(rel)])
        for keys, group in _groups(conn, rel, rows, ("source", "target")):
            text = statement("write-upsert-edges", rel=rel, src=src, dst=dst, set=_set(keys))
            for part in _chunks(group):
                conn.execute(text, {"rows": part})


def _set(keys: tuple[str, ...]) -> str:
    """``SET n.`a` = row.`a`, …`` for checked property names (nothing for none)."""
    if not keys:
        return ""
    return "SET " + ", ".join(f"n.`{key}` = row.`{key}`" for key in keys)


def _groups(
    conn: ladybug.Connection, table: str, rows: list[dict[str, Any]], fixed: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], list[dict[str, Any]]]]:
    """Rows grouped by their property names and value types, with the property names of each
    group; columns the table lacks are added first."""
    columns = _columns(conn, table)
    groups: dict[tuple[tuple[str, str], ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        signature: list[tuple[str, str]] = []
        for key, value in row.items():
            if key in fixed:
                continue
            try:
                kind = value_kind(value)
            except ValueError as exc:
                raise RebuildNeededError(f"{table}.{key}: {exc}") from None
            column = columns.get(key)
            if column is None:
                if not NAME.match(key) or kind is None:
                    raise RebuildNeededError(f"{table}.{key}: no column, and none can be typed")
                _add_column(conn, table, key, kind)
                columns[key] = column = kind
            if kind is not None and merge(column, kind) != column:
                raise RebuildNeededError(f"{table}.{key}: a {kind} value in a {column} column")
            signature.append((key, kind or ("[]" if isinstance(value, list) else "null")))
        groups[tuple(sorted(signature))].append(row)
    for shape, group in groups.items():
        yield tuple(key for key, _ in shape), group


def _columns(conn: ladybug.Connection, table: str) -> dict[str, str]:
    """A table's property columns and their types."""
    result = conn.execute(f"CALL table_info('{table}') RETURN name, type")  # table: a Label/RelType
    assert not isinstance(result, list)
    try:
        return {str(name): str(kind) for name, kind in result.get_all()}
    finally:
        result.close()


def _add_column(conn: ladybug.Connection, table: str, column: str, kind: str) -> None:
    from kg.store.engine_build import statement

    conn.execute(statement("add-column", table=table, column=column, type=kind))


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]
