"""A commit's changes applied to a copy of the embedded Cypher engine, instead of a rebuild.

The engine of the committed graph file is copied (engines are never written once in place), the
new nodes and relationships are created in the copy and the changed ones updated, with
parameterised ``UNWIND $rows`` statements (``queries/embedded/write-*.cypher``: ``CREATE`` and
``MATCH … SET`` on the primary keys; the engine's ``MERGE`` is ~200 times slower), and the copy
becomes the engine of the new graph file. A property the table has no column for gets one
(``ALTER TABLE … ADD``). A value its
column cannot take without changing the column's type is a :class:`RebuildNeededError`: the
caller builds the engine from the graph file instead (:mod:`kg.store.engine_build`).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.model import SCHEMA, RelType
from kg.store.engine_schema import DOUBLE, NAME, merge, value_kind

if TYPE_CHECKING:
    import ladybug

Rows = dict[str, list[dict[str, Any]]]
"""Rows by table (a label or relationship type): ``{"id": …, **props}`` for a node,
``{"source": …, "target": …, **props}`` for a relationship."""
_CHUNK = 10_000
"""Rows a statement at most."""


@dataclass
class Changes:
    """What a commit changes: nodes and relationships to create, and existing ones whose
    given properties to set (MERGE semantics: properties not given stay)."""

    new_nodes: Rows = field(default_factory=lambda: defaultdict(list))
    set_nodes: Rows = field(default_factory=lambda: defaultdict(list))
    new_edges: Rows = field(default_factory=lambda: defaultdict(list))
    set_edges: Rows = field(default_factory=lambda: defaultdict(list))


class RebuildNeededError(Exception):
    """The changes do not fit the engine's tables as they are: build it again from the file."""


def updated_copy(engine: Path, changes: Changes) -> Path:
    """A copy of ``engine`` (beside it, under a temporary name) with the updates applied and
    checkpointed; the caller renames it into place. :class:`RebuildNeededError` (the copy
    removed) if the updates need another table layout, or the engine fails on them.

    The update runs in a child process (``python -m kg.store.engine_update``): the engine's
    checkpoint, which rewrites every relationship table a change touches (seconds on a large
    graph, whatever the change's size), holds Python's lock, so in a thread it would stall the
    merge of the graph file that runs meanwhile.
    """
    from kg.store.embedded_cypher import _companions

    partial = engine.parent / f".building-{os.getpid()}-{secrets.token_hex(4)}{engine.suffix}"
    try:
        shutil.copyfile(engine, partial)
        _update_in_child(partial, changes)
        if _companions(partial):
            raise RebuildNeededError(f"{partial}: the engine left files behind after closing")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        for leftover in (partial, *_companions(partial)):
            leftover.unlink(missing_ok=True)
        raise
    return partial


def _update_in_child(path: Path, changes: Changes) -> None:
    """Apply ``changes`` to the engine at ``path`` in a child process (see :func:`updated_copy`)."""
    import pickle
    import subprocess
    import sys

    import kg

    root = str(Path(kg.__file__).resolve().parents[1])
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    command = [sys.executable, "-m", "kg.store.engine_update", str(path)]
    done = subprocess.run(command, input=pickle.dumps(changes), capture_output=True, env=env, check=False)
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RebuildNeededError(why[-1] if why else f"the engine update ended with code {done.returncode}")


def _child(path: str) -> None:
    """The child of :func:`_update_in_child`: changes (pickled) on stdin, one line on stderr
    and exit code 3 if they cannot be applied."""
    import pickle
    import sys

    import ladybug

    from kg.store.embedded_cypher import BUILD_SETTINGS, message

    changes = pickle.load(sys.stdin.buffer)
    try:
        database = ladybug.Database(path, **BUILD_SETTINGS)
        conn = ladybug.Connection(database)
        try:
            apply(conn, changes)
        finally:
            conn.close()
            database.close()
    except RuntimeError as exc:
        sys.stderr.write(message(exc) + "\n")
        sys.stderr.flush()
        sys.exit(3)
    except RebuildNeededError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.stderr.flush()
        sys.exit(3)
    sys.exit(0)


def apply(conn: ladybug.Connection, changes: Changes) -> None:
    """Create and update the nodes, then the relationships, in an open engine."""
    from kg.store.engine_build import statement

    for label in sorted(changes.new_nodes.keys() | changes.set_nodes.keys()):
        for name, rows in (("write-create-nodes", changes.new_nodes), ("write-set-nodes", changes.set_nodes)):
            if rows.get(label):
                keys, fitted = _fit(conn, label, rows[label], ("id",))
                text = statement(name, label=label, set=_set(keys, keep=name.startswith("write-set")))
                for part in _chunks(fitted):
                    conn.execute(text, {"rows": part})
    for rel in sorted(changes.new_edges.keys() | changes.set_edges.keys()):
        src, dst = (end.value for end in SCHEMA[RelType(rel)])
        for name, rows in (("write-create-edges", changes.new_edges), ("write-set-edges", changes.set_edges)):
            if rows.get(rel):
                keys, fitted = _fit(conn, rel, rows[rel], ("source", "target"))
                keep = name.startswith("write-set")
                text = statement(name, rel=rel, src=src, dst=dst, set=_set(keys, keep=keep))
                for part in _chunks(fitted):
                    conn.execute(text, {"rows": part})


def _set(keys: Sequence[str], *, keep: bool) -> str:
    """``SET n.`a` = row.`a`, …`` for checked property names (nothing for none); with ``keep``,
    a null (not given) keeps the stored value."""
    if not keys:
        return ""
    if keep:
        return "SET " + ", ".join(f"n.`{k}` = coalesce(row.`{k}`, n.`{k}`)" for k in keys)
    return "SET " + ", ".join(f"n.`{k}` = row.`{k}`" for k in keys)


def _fit(
    conn: ladybug.Connection, table: str, rows: list[dict[str, Any]], fixed: tuple[str, ...]
) -> tuple[list[str], list[dict[str, Any]]]:
    """The property names the rows give, and the rows with every one of them (null where not
    given) and numbers as their column's type; columns the table lacks are added first.
    :class:`RebuildNeededError` for a value its column cannot take as it is."""
    columns = _columns(conn, table)
    kinds: dict[str, str | None] = {}
    for row in rows:
        for key, value in row.items():
            if key in fixed:
                continue
            try:
                kind = value_kind(value)
            except ValueError as exc:
                raise RebuildNeededError(f"{table}.{key}: {exc}") from None
            merged = merge(kinds.get(key), kind)
            if merged is None and kind is not None:
                raise RebuildNeededError(f"{table}.{key}: values of several types")
            kinds[key] = merged
    for key, kind in kinds.items():
        column = columns.get(key)
        if column is None:
            if not NAME.match(key) or kind is None:
                raise RebuildNeededError(f"{table}.{key}: no column, and none can be typed")
            _add_column(conn, table, key, kind)
            columns[key] = kind
        elif kind is not None and merge(column, kind) != column:
            raise RebuildNeededError(f"{table}.{key}: a {kind} value in a {column} column")
    keys = sorted(kinds)
    doubles = {k for k in keys if columns[k] in (DOUBLE, f"{DOUBLE}[]")}
    fitted = []
    for row in rows:
        out = {k: row[k] for k in fixed}
        for key in keys:
            value = row.get(key)
            if key in doubles and value is not None:
                value = [float(v) for v in value] if isinstance(value, list) else float(value)
            out[key] = value
        fitted.append(out)
    return keys, fitted


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


if __name__ == "__main__":
    import sys

    _child(sys.argv[1])
