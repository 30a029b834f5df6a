"""Bulk-load a NetworkX graph into an embedded Cypher engine (ladybug) with COPY.

Each table is written to a delimited file and loaded by one ``COPY``. The files use control
characters as delimiter and (never used) quote, and every string value is escaped so that it
holds none of them nor a line break: no field is ever quoted, which keeps ladybug's parallel CSV
reader on its fast path (quoted fields parse several times slower, and quoted line breaks need
the serial reader). After the COPY, one statement a string column restores the escaped
characters where any occurred, and list properties (written as an escaped, joined helper
column) are split into their lists. So any text round-trips: quotes, commas, line breaks,
control characters, unicode, empty strings, empty lists and nulls.

Escapes: ``ESC`` followed by one letter stands for one character (``n`` newline, ``r`` carriage
return, ``d``/``q``/``l`` the delimiter, quote and list separator, ``s`` ``ESC`` itself);
``ESC e`` alone is the empty string (an empty field is null).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.model import SCHEMA, Label, RelType
from kg.store.engine_schema import (
    BOOL,
    DOUBLE,
    INT64,
    NODE_COLUMNS,
    REL_COLUMNS,
    STRING,
    element,
    is_list,
    table_columns,
)

if TYPE_CHECKING:
    import ladybug
    import networkx as nx

DELIM, QUOTE, LIST_SEP, ESC = "\x1f", "\x1e", "\x1d", "\x1c"
_CODES = {"\n": "n", "\r": "r", DELIM: "d", QUOTE: "q", LIST_SEP: "l", ESC: "s"}
_TRANSLATE = str.maketrans({char: ESC + code for char, code in _CODES.items()})
EMPTY = ESC + "e"
_UNSAFE_ID = re.compile(f"[\n\r{DELIM}{QUOTE}{LIST_SEP}{ESC}]")
_SAFE_PATH = re.compile(r"^[\w./ -]+$")
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
HELPER_PREFIX = "_kg_list_"


class _RefitError(Exception):
    """A value that does not fit the table's columns: rescan the table and write it again."""


# -- statements ----------------------------------------------------------------------------------


@cache
def _template(name: str) -> str:
    text = (files("queries") / "embedded" / f"{name}.cypher").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


def statement(name: str, **values: str) -> str:
    """The template ``queries/embedded/<name>.cypher`` with its placeholders filled.

    Values come from the closed Label/RelType enums, checked property names, constants of this
    module and our own temporary file names, never from user input.
    """

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise TypeError(f"statement {name!r} needs a value for {{{match.group(1)}}}")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(fill, _template(name))


def _literal(char: str) -> str:
    """A one-character Cypher string literal (line breaks as escapes, the rest as themselves)."""
    return {"\n": "'\\n'", "\r": "'\\r'"}.get(char, f"'{char}'")


def decoded(expr: str) -> str:
    """A Cypher expression undoing :func:`encode` on the string ``expr``.

    Escape pairs never overlap (every ``ESC`` starts one), so replacing them one kind at a time
    is exact as long as ``ESC s`` (which yields ``ESC`` again) comes last.
    """
    for char, code in _CODES.items():
        if char != ESC:
            expr = f"replace({expr}, '{ESC}{code}', {_literal(char)})"
    expr = f"replace({expr}, '{EMPTY}', '')"
    return f"replace({expr}, '{ESC}s', '{ESC}')"


# -- values --------------------------------------------------------------------------------------


def encode(value: str) -> str:
    """A string as a field: escaped, never empty (the empty string is ``EMPTY``)."""
    return value.translate(_TRANSLATE) if value else EMPTY


@dataclass
class _Column:
    """One property of a table and how its values are written."""

    name: str
    kind: str
    escaped: bool = False
    listed: bool = False  # a non-empty list was written to the helper column

    @property
    def helper(self) -> str:
        return HELPER_PREFIX + self.name

    def field(self, value: Any) -> str:
        """The value's field(s): list columns write the list (``[]`` or null) and the helper."""
        if value is None:
            return DELIM if is_list(self.kind) else ""
        kind = self.kind
        if kind == STRING:
            if type(value) is not str:
                raise _RefitError
            text = encode(value)
            if len(text) != len(value):
                self.escaped = True
            return text
        if kind == INT64:
            if type(value) is not int:
                raise _RefitError
            return str(value)
        if kind == DOUBLE:
            if type(value) is not float and type(value) is not int:
                raise _RefitError
            return repr(value)
        if kind == BOOL:
            if type(value) is not bool:
                raise _RefitError
            return "true" if value else "false"
        if type(value) is not list:
            raise _RefitError
        if not value:
            return "[]" + DELIM
        self.listed = True
        return DELIM + LIST_SEP.join(self._item(v) for v in value)

    def _item(self, value: Any) -> str:
        kind = element(self.kind)
        if kind == STRING and type(value) is str:
            return encode(value)
        if (
            (kind == INT64 and type(value) is int)
            or (kind == DOUBLE and type(value) in (int, float))
            or (kind == BOOL and type(value) is bool)
        ):
            return str(value).lower() if kind == BOOL else repr(value)
        raise _RefitError

    def ddl(self) -> str:
        own = f", `{self.name}` {self.kind}"
        return own + (f", `{self.helper}` {STRING}" if is_list(self.kind) else "")

    def item_expr(self) -> str:
        kind = element(self.kind)
        return decoded("value") if kind == STRING else f"CAST(value AS {kind})"


@dataclass
class _Table:
    """A node or relationship table: its name, its columns and how to match its rows."""

    name: str
    pattern: str
    columns: list[_Column] = field(default_factory=list)

    def keys(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns)


def _columns(kinds: Mapping[str, str]) -> list[_Column]:
    return [_Column(name, kind) for name, kind in kinds.items()]


def _check_id(node_id: Any) -> str:
    if type(node_id) is not str or not node_id or _UNSAFE_ID.search(node_id):
        raise StoreError(
            f"node id {node_id!r} cannot be a key of the embedded Cypher engine "
            "(ids are non-empty strings without line breaks or control characters)"
        )
    return node_id


# -- files ---------------------------------------------------------------------------------------


def _write_table(
    path: Path,
    table: _Table,
    rows: list[tuple[tuple[str, ...], Mapping[str, Any]]],
    ignore: frozenset[str],
) -> None:
    """Write ``rows`` (key fields, properties); :class:`_RefitError` if a value does not fit.

    The hot loop visits only the properties a row has, with inline paths for the common plain
    strings and integers (this file writing is most of a build's Python time).
    """
    slots: dict[str, tuple[int, str, Callable[[Any], str]]] = {
        c.name: (i, c.kind, c.field) for i, c in enumerate(table.columns)
    }
    template = [DELIM if is_list(c.kind) else "" for c in table.columns]
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        write = handle.write
        for keys, props in rows:
            out = template.copy()
            for key, value in props.items():
                slot = slots.get(key)
                if slot is None:
                    if key in ignore:
                        continue
                    raise _RefitError
                i, kind, to_field = slot
                kind_of = type(value)
                if kind_of is str and kind == STRING and value and value.isprintable():
                    out[i] = value  # nothing to escape (line breaks and our delimiters are not printable)
                elif kind_of is int and kind == INT64:
                    out[i] = str(value)
                else:
                    out[i] = to_field(value)
            write(DELIM.join(keys))
            write(DELIM)
            write(DELIM.join(out))
            write("\n")


def _fit(
    path: Path,
    table: _Table,
    fixed: Mapping[str, str],
    rows: list[tuple[tuple[str, ...], Mapping[str, Any]]],
    ignore: frozenset[str],
) -> None:
    """Write a table's file, widening or extending its columns first if the values need it."""
    try:
        _write_table(path, table, rows, ignore)
        return
    except _RefitError:
        pass
    props = ({k: v for k, v in p.items() if k not in ignore} for _, p in rows)
    table.columns = _columns(table_columns(table.name, fixed, props))
    _write_table(path, table, rows, ignore)


# -- the build -----------------------------------------------------------------------------------


def safe_path(path: Path) -> bool:
    """Whether COPY can name ``path`` inside a quoted literal (no quote, backslash or control character)."""
    return bool(_SAFE_PATH.match(str(path)))


def load_graph(conn: ladybug.Connection, graph: nx.MultiDiGraph, workdir: Path) -> None:
    """Create every table in an empty engine and bulk-load ``graph`` into it.

    ``workdir`` (an empty directory) takes the temporary files; its path must hold no quote or
    backslash (COPY names the file in the statement text). The engine loads one table (in a
    second thread: ladybug releases the GIL) while the next table's file is written.
    """
    if not safe_path(workdir):
        raise StoreError(f"{workdir}: a temporary directory path the engine's COPY cannot name safely")
    node_rows, edge_rows = _rows(graph)
    with ThreadPoolExecutor(1, thread_name_prefix="kg-engine-load") as loader:
        pending: list[Future[None]] = []
        try:
            for label in Label:
                table = _Table(label.value, f"(n:{label.value})", _columns(NODE_COLUMNS[label]))
                path = workdir / f"{label.value}.csv"
                _fit(path, table, NODE_COLUMNS[label], node_rows.pop(label.value), frozenset({"label"}))
                ddl = statement(
                    "create-node-table", table=table.name, columns="".join(c.ddl() for c in table.columns)
                )
                pending.append(loader.submit(_load_table, conn, ddl, table, path))
            for rel in RelType:
                table = _Table(rel.value, f"()-[n:{rel.value}]->()", _columns(REL_COLUMNS[rel]))
                path = workdir / f"{rel.value}.csv"
                _fit(path, table, REL_COLUMNS[rel], edge_rows.pop(rel.value), frozenset({"type"}))
                src, dst = SCHEMA[rel]
                ddl = statement(
                    "create-rel-table",
                    table=table.name,
                    src=src.value,
                    dst=dst.value,
                    columns="".join(c.ddl() for c in table.columns),
                )
                pending.append(loader.submit(_load_table, conn, ddl, table, path))
                if pending[0].done():
                    pending.pop(0).result()  # fail early
            for future in pending:
                future.result()
        except BaseException:
            for future in pending:
                future.cancel()
            wait(pending)  # the connection is closed next: let a running statement finish first
            raise


Rows = dict[str, list[tuple[tuple[str, ...], Mapping[str, Any]]]]


def _rows(graph: nx.MultiDiGraph) -> tuple[Rows, Rows]:
    """Nodes by label and edges by type as (key fields, properties); checks ids, labels and ends."""
    node_rows: Rows = {label.value: [] for label in Label}
    label_of: dict[str, str] = {}
    for node_id, attrs in graph.nodes(data=True):
        label = attrs.get("label")
        if label not in node_rows:
            raise StoreError(f"node {node_id!r} has no known label ({label!r})")
        label_of[node_id] = label
        node_rows[label].append(((_check_id(node_id),), attrs))
    edge_rows: Rows = {rel.value: [] for rel in RelType}
    ends = {rel.value: (SCHEMA[rel][0].value, SCHEMA[rel][1].value) for rel in RelType}
    # NetworkX's own adjacency dicts (source -> target -> key -> attrs), read only: iterating
    # graph.edges(keys=True, data=True) builds a view object per edge and is twice as slow.
    for source, targets in graph._succ.items():
        source_label = label_of[source]
        for target, keyed in targets.items():
            for key, attrs in keyed.items():
                rows = edge_rows.get(key)
                if rows is None:
                    raise StoreError(f"edge {source!r} -> {target!r} has an unknown type {key!r}")
                if ends[key] != (source_label, label_of[target]):
                    raise StoreError(
                        f"{key} edge {source!r} -> {target!r} joins a {source_label} to a "
                        f"{label_of[target]}; the schema says {ends[key][0]} -> {ends[key][1]}"
                    )
                rows.append(((source, target), attrs))
    return node_rows, edge_rows


def _load_table(conn: ladybug.Connection, ddl: str, table: _Table, path: Path) -> None:
    """Create a table, COPY its file into it (then delete the file) and finish its columns."""
    conn.execute(ddl)
    if path.stat().st_size:
        conn.execute(statement("copy-table", table=table.name, file=str(path), delim=DELIM, quote=QUOTE))
    path.unlink()
    _finish(conn, table)


def _finish(conn: ladybug.Connection, table: _Table) -> None:
    """Restore escaped strings, fill list columns from their helpers and drop the helpers."""
    for column in table.columns:
        if column.kind == STRING and column.escaped:
            expr = decoded(f"n.`{column.name}`")
            conn.execute(
                statement(
                    "decode-column", pattern=table.pattern, column=column.name, escape=ESC, decoded=expr
                )
            )
        if is_list(column.kind):
            if column.listed:
                conn.execute(
                    statement(
                        "fill-list-column",
                        pattern=table.pattern,
                        column=column.name,
                        helper=column.helper,
                        separator=LIST_SEP,
                        item=column.item_expr(),
                    )
                )
            conn.execute(statement("drop-column", table=table.name, column=column.helper))
