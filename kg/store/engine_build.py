"""Bulk-load a NetworkX graph into an embedded Cypher engine (ladybug) with COPY.

Each table is written to delimited files and loaded by ``COPY``. The files use control
characters as delimiter and (never used) quote, and every string value is escaped so that it
holds none of them nor a line break: no field is ever quoted, which keeps ladybug's parallel CSV
reader on its fast path (quoted fields parse several times slower, and quoted line breaks need
the serial reader). After the COPY, one statement a string column restores the escaped
characters where any occurred. Lists are written in the engine's list syntax (``[a,b]``) when
their items are plain; a list column with an item the syntax would misread (a comma, bracket,
quote, backslash, an empty item, whitespace at an end, a control character) is written as an
escaped, joined helper column instead and split into its lists after the COPY. So any text
round-trips: quotes, commas, line breaks, control characters, unicode, empty strings, empty
lists and nulls.

Escapes: ``ESC`` followed by one letter stands for one character (``n`` newline, ``r`` carriage
return, ``d``/``q``/``l`` the delimiter, quote and list separator, ``s`` ``ESC`` itself);
``ESC e`` alone is the empty string (an empty field is null).

Speed (a 100,000-paper graph: 0.3 M nodes, 1.3 M edges, 0.3 GB of table files; ~8-9 s on two
cores, was 15-17 s): the fields are made a column at a time (a list comprehension over the rows;
type checks and the search for characters to escape on whole columns, in C) rather than a value
at a time; a column no row has is left out of the files and added after the COPY (``ALTER TABLE
… ADD`` is nearly free, loading a column of nulls is not); the engine runs the statements in a
second thread while the next files are written, node tables in parts of 25,000 rows so that it
starts sooner; and no statement rewrites a whole column after the COPY in the usual case
(plain lists, nothing escaped), which would also make the final checkpoint write it again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.model import SCHEMA, Label, RelType
from kg.query.template import load_template
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
_CODES = {ESC: "s", "\n": "n", "\r": "r", DELIM: "d", QUOTE: "q", LIST_SEP: "l"}  # ESC first
EMPTY = ESC + "e"
_UNSAFE = re.compile(f"[\n\r{DELIM}{QUOTE}{LIST_SEP}{ESC}]")
_SAFE_PATH = re.compile(r"^[\w./ -]+$")
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
HELPER_PREFIX = "_kg_list_"
_CHUNK = 50_000
"""Rows joined into one string and written at once (bounds the memory of a big table's text)."""
_PART_ROWS = 25_000
"""Rows of a node table a file (each file a COPY, queued as soon as written)."""
_BLOCK = 4096
"""Strings joined into one to search it for characters to escape."""

_TYPES: dict[str, frozenset[type]] = {
    STRING: frozenset({str}),
    INT64: frozenset({int}),
    DOUBLE: frozenset({float, int}),
    BOOL: frozenset({bool}),
}
"""The Python types each column type takes (exact types: a bool is no INT64)."""


class _RefitError(Exception):
    """A value that does not fit the table's columns: rescan the table and write it again."""


# -- statements ----------------------------------------------------------------------------------


@cache
def _template(name: str) -> str:
    return load_template(f"embedded/{name}").statement


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
    """A string as a field: escaped, never empty (the empty string is ``EMPTY``).

    ``ESC`` is escaped first, so the escapes added after it are never escaped again. (A chain
    of ``str.replace`` scans at memory speed; ``str.translate`` with two-character targets is
    several times slower on long abstracts.)
    """
    if not value:
        return EMPTY
    for char, code in _CODES.items():
        if char in value:
            value = value.replace(char, ESC + code)
    return value


def _check_types(values: Any, kind: str) -> None:
    """:class:`_RefitError` unless every value (``None`` aside) has a Python type ``kind`` takes."""
    if not set(map(type, values)) <= _TYPES[kind] | {type(None)}:
        raise _RefitError


def _has_unsafe(texts: list[Any]) -> bool:
    """Whether any of the strings (or nulls) holds a character that :func:`encode` escapes.

    Searched in joined blocks of strings: ``char in block`` is a memchr, several times faster
    than any per-string check (``str.isprintable`` or a regex) on a column of abstracts.
    """
    for start in range(0, len(texts), _BLOCK):
        block = "".join(filter(None, texts[start : start + _BLOCK]))
        if any(char in block for char in _CODES):
            return True
    return False


def _text_fields(values: list[Any]) -> tuple[list[str], bool]:
    """Fields of strings or nulls (types checked), and whether any was escaped."""
    if not _has_unsafe(values):
        if None not in values and "" not in values:
            return values, False  # the usual case: the strings are their own fields
        return [v if v else ("" if v is None else EMPTY) for v in values], "" in values
    return ["" if v is None else encode(v) for v in values], True


_LIST_SYNTAX = re.compile(r"""[,\[\]{}'"\\]""")
"""Characters the engine's list syntax ``[a,b]`` reads as syntax: separator, brackets, quotes, backslash."""


def _plain_items(items: list[str]) -> bool:
    """Whether string items can be written in the engine's list syntax as they are: non-empty
    (an empty item reads as null), printable, without whitespace at either end (trimmed) and
    without :data:`_LIST_SYNTAX` characters."""
    return (
        "" not in items
        and all(map(str.isprintable, items))
        and items == list(map(str.strip, items))
        and not _LIST_SYNTAX.search("".join(items))
    )


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def _scalar_fields(values: list[Any], kind: str) -> list[str]:
    """Fields of numbers or booleans (types checked); ``""`` for a null."""
    if kind == BOOL:
        return ["" if v is None else _bool_text(v) for v in values]
    text = str if kind == INT64 else repr  # repr: the shortest text that reads back the same float
    if None not in values:
        return list(map(text, values))
    return ["" if v is None else text(v) for v in values]


@dataclass
class _Column:
    """One property of a table and how its values are written."""

    name: str
    kind: str
    escaped: bool = False  # some value was escaped: decode the column after the COPY
    split: bool = False  # a list property written as a helper column: fill it after the COPY
    listed: bool = False  # the helper holds a non-empty list

    @property
    def helper(self) -> str:
        return HELPER_PREFIX + self.name

    def fields(self, values: list[Any]) -> list[list[str]]:
        """The column's fields for ``values`` (one a row): one list, or for a list property
        whose items the engine's list syntax cannot hold as they are, two (the list itself,
        ``[]`` for an empty one, and the helper with the items escaped and joined)."""
        kind = element(self.kind)
        if not is_list(self.kind):
            _check_types(values, kind)
            if kind != STRING:
                return [_scalar_fields(values, kind)]
            text, escaped = _text_fields(values)
            self.escaped |= escaped
            return [text]
        if not set(map(type, values)) <= {list, type(None)}:
            raise _RefitError
        items = list(chain.from_iterable(filter(None, values)))
        if not set(map(type, items)) <= _TYPES[kind]:
            raise _RefitError  # a null inside a list too
        if kind != STRING or _plain_items(items):
            to_text: Callable[[Any], str] = str if kind == STRING else _bool_text if kind == BOOL else repr
            return [["" if v is None else "[" + ",".join(map(to_text, v)) + "]" for v in values]]
        self.split = True
        self.listed = bool(items)
        own = ["[]" if v == [] else "" for v in values]
        return [own, [LIST_SEP.join(map(encode, v)) if v else "" for v in values]]

    def ddl(self) -> str:
        own = f", `{self.name}` {self.kind}"
        return own + (f", `{self.helper}` {STRING}" if self.split else "")

    def item_expr(self) -> str:
        kind = element(self.kind)
        return decoded("value") if kind == STRING else f"CAST(value AS {kind})"


@dataclass
class _Table:
    """A node or relationship table: its name, its columns and how to match its rows."""

    name: str
    fixed: Mapping[str, str]  # the schema's columns (engine_schema)
    ends: tuple[Label, Label] | None = None  # a relationship table's (source, target) labels
    columns: list[_Column] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.columns = _columns(self.fixed)

    @property
    def pattern(self) -> str:
        """The pattern matching the table's rows as ``n``."""
        return f"(n:{self.name})" if self.ends is None else f"()-[n:{self.name}]->()"

    def create(self, columns: list[_Column]) -> str:
        """The statement creating the table with ``columns``."""
        ddl = "".join(c.ddl() for c in columns)
        if self.ends is None:
            return statement("create-node-table", table=self.name, columns=ddl)
        src, dst = self.ends
        return statement("create-rel-table", table=self.name, src=src.value, dst=dst.value, columns=ddl)


def _columns(kinds: Mapping[str, str]) -> list[_Column]:
    return [_Column(name, kind) for name, kind in kinds.items()]


@dataclass
class _Rows:
    """A table's rows: its key fields a column (the id, or the two ends) and each row's properties."""

    keys: list[list[str]]
    props: list[Mapping[str, Any]] = field(default_factory=list)


# -- files ---------------------------------------------------------------------------------------


@dataclass
class _Fields:
    """A table's file contents: the columns written and their fields (key columns first)."""

    written: list[_Column]
    columns: list[list[str]]

    def write(self, path: Path, start: int, stop: int) -> None:
        """Write rows ``start`` to ``stop`` (exclusive) to ``path``, one line a row."""
        with open(path, "wb") as handle:
            for begin in range(start, stop, _CHUNK):
                end = min(begin + _CHUNK, stop)
                lines = map(DELIM.join, zip(*(f[begin:end] for f in self.columns), strict=True))
                # Encoding line by line: a line with a non-ASCII character then widens only
                # itself, not the whole chunk's text (twice as fast on abstracts).
                handle.write(b"\n".join(map(str.encode, lines)))
                handle.write(b"\n")


def _table_fields(table: _Table, rows: _Rows, ignore: frozenset[str]) -> _Fields:
    """The fields of ``rows``: the keys, then every column some row has a value for.

    :class:`_RefitError` (with the property's name) if a row has a property with no column,
    or a value that does not fit its column.
    """
    present = set(chain.from_iterable(rows.props)) - ignore
    unknown = present - {c.name for c in table.columns}
    if unknown:
        raise _RefitError(min(unknown))
    written = [c for c in table.columns if c.name in present]
    fields = list(rows.keys)
    for column in written:
        name = column.name
        try:
            fields += column.fields([props.get(name) for props in rows.props])
        except _RefitError:
            raise _RefitError(name) from None
    return _Fields(written, fields)


def _fit(table: _Table, rows: _Rows, ignore: frozenset[str]) -> _Fields:
    """A table's fields, widening or extending its columns first if the values need it."""
    try:
        return _table_fields(table, rows, ignore)
    except _RefitError:
        pass
    props = ({k: v for k, v in p.items() if k not in ignore} for p in rows.props)
    table.columns = _columns(table_columns(table.name, table.fixed, props))
    try:
        return _table_fields(table, rows, ignore)
    except _RefitError as exc:
        raise StoreError(
            f"{table.name}.{exc}: a value the embedded Cypher engine cannot hold (a list holding nulls?)"
        ) from None


# -- the build -----------------------------------------------------------------------------------


def safe_path(path: Path) -> bool:
    """Whether COPY can name ``path`` inside a quoted literal (no quote, backslash or control character)."""
    return bool(_SAFE_PATH.match(str(path)))


def load_graph(conn: ladybug.Connection, graph: nx.MultiDiGraph, workdir: Path) -> None:
    """Create every table in an empty engine and bulk-load ``graph`` into it.

    ``workdir`` (an empty directory) takes the temporary files; its path must hold no quote or
    backslash (COPY names the file in the statement text). The engine runs the statements in a
    second thread (ladybug releases the GIL) while the next files are written; a large node
    table is written and copied in parts, so that the engine starts on it sooner.
    """
    if not safe_path(workdir):
        raise StoreError(f"{workdir}: a temporary directory path the engine's COPY cannot name safely")
    with ThreadPoolExecutor(1, thread_name_prefix="kg-engine-load") as engine:
        pending: list[Future[None]] = []

        def then(step: Callable[..., None], *args: Any) -> None:
            """Queue a step for the engine (in order), failing early if an earlier one failed."""
            pending.append(engine.submit(step, conn, *args))
            while pending and pending[0].done():
                pending.pop(0).result()

        try:
            # One engine thread while this one writes files (two cores would contend), all
            # of them for what is left once the last file is written.
            conn.set_max_threads_for_exec(1)
            for table, rows, ignore in _tables(graph):
                fields = _fit(table, rows, ignore) if rows.props else _Fields(list(table.columns), [])
                then(_create, table, fields.written)
                # Relationship tables in one COPY: a second COPY into a filled one makes the
                # checkpoint rebuild its adjacency lists (WROTE: 1.75 s instead of 1.4 s).
                part = _PART_ROWS if table.ends is None else max(1, len(rows.props))
                for start in range(0, len(rows.props), part):
                    path = workdir / f"{table.name}-{start}.csv"
                    fields.write(path, start, min(start + part, len(rows.props)))
                    then(_copy, table, path)
                then(_complete, table, fields.written)
            conn.set_max_threads_for_exec(0)
            for future in pending:
                future.result()
        except BaseException:
            for future in pending:
                future.cancel()
            wait(pending)  # the connection is closed next: let a running statement finish first
            raise


def _tables(graph: nx.MultiDiGraph) -> Iterator[tuple[_Table, _Rows, frozenset[str]]]:
    """Each table with its rows, in load order: the node tables, smallest first (the engine
    starts loading while the large ones are written), then the relationship tables (their COPY
    looks the ends up), largest first (what the engine still has to do once the last file is
    written is then small). Ids, labels and edge ends are checked on the way."""
    node_rows = _group_nodes(graph)
    for label in sorted(Label, key=lambda label: len(node_rows[label.value].props)):
        yield _Table(label.value, NODE_COLUMNS[label]), node_rows[label.value], _NODE_IGNORE
    edge_rows = _group_edges(graph, node_rows)
    for rel in sorted(RelType, key=lambda rel: -len(edge_rows[rel.value].props)):
        yield _Table(rel.value, REL_COLUMNS[rel], SCHEMA[rel]), edge_rows[rel.value], _EDGE_IGNORE


_NODE_IGNORE = frozenset({"label"})
_EDGE_IGNORE = frozenset({"type"})


def _group_nodes(graph: nx.MultiDiGraph) -> dict[str, _Rows]:
    """Nodes by label; checks labels and ids."""
    node_rows = {label.value: _Rows([[]]) for label in Label}
    for node_id, attrs in graph.nodes(data=True):
        rows = node_rows.get(attrs.get("label"))
        if rows is None:
            raise StoreError(f"node {node_id!r} has no known label ({attrs.get('label')!r})")
        rows.keys[0].append(node_id)
        rows.props.append(attrs)
    for rows in node_rows.values():
        _check_ids(rows.keys[0])
    return node_rows


def _group_edges(graph: nx.MultiDiGraph, node_rows: dict[str, _Rows]) -> dict[str, _Rows]:
    """Edges by type; checks types and each edge's end labels."""
    edge_rows = {rel.value: _Rows([[], []]) for rel in RelType}
    # NetworkX's own adjacency dicts (source -> target -> key -> attrs), read only: iterating
    # graph.edges(keys=True, data=True) builds a view object per edge and is twice as slow.
    # Bound append methods looked up once a type, not three attribute lookups an edge.
    appends = {
        key: (rows.keys[0].append, rows.keys[1].append, rows.props.append) for key, rows in edge_rows.items()
    }
    for source, targets in graph._succ.items():
        for target, keyed in targets.items():
            for key, attrs in keyed.items():
                try:
                    add_source, add_target, add_props = appends[key]
                except KeyError:
                    raise StoreError(f"edge {source!r} -> {target!r} has an unknown type {key!r}") from None
                add_source(source)
                add_target(target)
                add_props(attrs)
    ids = {label: set(rows.keys[0]) for label, rows in node_rows.items()}
    for rel in RelType:
        sources, targets = edge_rows[rel.value].keys
        src, dst = SCHEMA[rel][0].value, SCHEMA[rel][1].value
        if not (ids[src].issuperset(sources) and ids[dst].issuperset(targets)):
            _wrong_ends(graph, rel, sources, targets)
    return edge_rows


def _check_ids(ids: list[Any]) -> None:
    """Every id is a non-empty string without line breaks or the loader's control characters."""
    if set(map(type, ids)) <= {str} and "" not in ids and not _UNSAFE.search("".join(ids)):
        return
    bad = next(i for i in ids if type(i) is not str or not i or _UNSAFE.search(i))
    raise StoreError(
        f"node id {bad!r} cannot be a key of the embedded Cypher engine "
        "(ids are non-empty strings without line breaks or control characters)"
    )


def _wrong_ends(graph: nx.MultiDiGraph, rel: RelType, sources: list[str], targets: list[str]) -> None:
    """Name the first ``rel`` edge whose ends have other labels than the schema's."""
    src, dst = SCHEMA[rel][0].value, SCHEMA[rel][1].value
    labels = graph.nodes
    for source, target in zip(sources, targets, strict=True):
        found = (labels[source]["label"], labels[target]["label"])
        if found != (src, dst):
            raise StoreError(
                f"{rel.value} edge {source!r} -> {target!r} joins a {found[0]} to a "
                f"{found[1]}; the schema says {src} -> {dst}"
            )


def _create(conn: ladybug.Connection, table: _Table, written: list[_Column]) -> None:
    """Create a table with the columns written to its files."""
    conn.execute(table.create(written))


def _copy(conn: ladybug.Connection, table: _Table, path: Path) -> None:
    """COPY one file into its table, then delete the file."""
    conn.execute(statement("copy-table", table=table.name, file=str(path), delim=DELIM, quote=QUOTE))
    path.unlink()


def _complete(conn: ladybug.Connection, table: _Table, written: list[_Column]) -> None:
    """Finish a loaded table's columns and add the columns no row has."""
    _finish(conn, table, written)
    loaded = {c.name for c in written}
    for column in table.columns:
        if column.name not in loaded:
            conn.execute(statement("add-column", table=table.name, column=column.name, type=column.kind))


def _finish(conn: ladybug.Connection, table: _Table, written: list[_Column]) -> None:
    """Restore escaped strings, fill list columns from their helpers and drop the helpers."""
    for column in written:
        if column.kind == STRING and column.escaped:
            expr = decoded(f"n.`{column.name}`")
            conn.execute(
                statement(
                    "decode-column", pattern=table.pattern, column=column.name, escape=ESC, decoded=expr
                )
            )
        if column.split:
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
