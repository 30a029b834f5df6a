"""The library of named Cypher queries in ``queries/*.cypher``: load, list, show and run them.

A query file starts with a header of ``//`` comment lines (see :mod:`queries` for the format:
name, title, description, parameters with type and default, read-only, examples); the rest is
the statement, optionally with dialect sections (``// dialect: neo4j`` / ``// dialect: embedded``
… ``// dialect: end``) where Neo4j and the embedded engine need different text. A header line
``// native: embedded NAME`` says the embedded store answers the query with the graph algorithm
``kg.query.native.NAME`` instead (for what its Cypher engine gets wrong); the statement is then
Neo4j's. Parameter values
from the user are checked and coerced by their declared type (:mod:`kg.query.params`), papers and
entities named by the user are resolved to node ids first (:mod:`kg.resolve_names`), and every
value travels to the store as a Cypher parameter: no user string is ever spliced into the text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import KGError
from kg.query.cypher_guard import run_checked
from kg.query.params import Param, bind_params, parse_param_line
from kg.query.template import load_template, template_names

if TYPE_CHECKING:
    from kg.store.base import GraphStore

DIALECTS = ("neo4j", "embedded")
"""Cypher dialects: Neo4j's, and the embedded engine's (ladybug, the maintained fork of Kùzu)."""

_HEADER_KEYS = ("name", "title", "description", "parameters", "read-only", "native", "example")
_KEY_LINE = re.compile(r"^//\s?(?P<key>[a-z-]+):\s*(?P<value>.*)$")
_DIALECT_LINE = re.compile(r"^\s*//\s*dialect:\s*(?P<which>\S+)\s*$")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
_USED_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class QueryFileError(KGError):
    """A query file whose header or dialect sections cannot be read."""


class UnknownQueryError(KGError):
    """A query name that is not in the library; the message lists the valid names."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One query file: its header fields and its statement for each dialect."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    read_only: bool
    examples: tuple[str, ...]
    texts: Mapping[str, str] = field(repr=False)
    source: str = field(default="", repr=False)
    native: Mapping[str, str] = field(default_factory=dict)
    """Dialects answered by a function of :mod:`kg.query.native` instead of Cypher: its name."""

    def cypher(self, dialect: str) -> str:
        """The statement for ``dialect`` (``neo4j`` or ``embedded``); for a dialect answered
        natively, a comment naming the function."""
        if dialect not in DIALECTS:
            raise KGError(f"unknown Cypher dialect {dialect!r} (use {' or '.join(DIALECTS)})")
        if dialect in self.native:
            return f"// runs natively: kg.query.native.{self.native[dialect]} (no Cypher)"
        return self.texts[dialect]

    @property
    def columns(self) -> list[str]:
        """The result columns: the items of the final RETURN clause (the same in every dialect)."""
        return return_columns(self.texts["neo4j"])

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, if any."""
        return next((p for p in self.params if p.name == name), None)

    def describe(self) -> dict[str, Any]:
        """Everything about the query as plain values (for ``kg query show --format json``)."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [p.describe() for p in self.params],
            "read_only": self.read_only,
            "columns": self.columns,
            "examples": list(self.examples),
            "cypher": {d: self.cypher(d) for d in DIALECTS},
        }


def return_columns(text: str) -> list[str]:
    """The column names of a statement's final ``RETURN`` clause: each item's alias, else its text."""
    blank = _without_strings(text)
    starts = [m.end() for m in re.finditer(r"\bRETURN\b", blank, re.IGNORECASE)]
    if not starts:
        return []
    clause = text[starts[-1] :]
    end = re.search(r"\b(?:ORDER\s+BY|SKIP|LIMIT|UNION)\b", _without_strings(clause), re.IGNORECASE)
    clause = re.sub(r"^\s*DISTINCT\b", "", clause[: end.start()] if end else clause, flags=re.IGNORECASE)
    items, depth, current = [], 0, ""
    for char in _without_strings(clause):
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    columns = []
    for item in items:
        alias = re.search(r"\bAS\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*$", item.strip(), re.IGNORECASE)
        columns.append(alias.group(1) if alias else " ".join(item.split()))
    return [c for c in columns if c]


def parse_query(text: str, origin: str = "<query>") -> NamedQuery:
    """A :class:`NamedQuery` from a query file's text (``origin`` names it in errors)."""
    lines = text.splitlines()
    header: dict[str, list[str]] = {}
    params: list[Param] = []
    examples: list[str] = []
    key: str | None = None
    body_start = len(lines)
    for number, line in enumerate(lines):
        if not line.startswith("//"):
            body_start = number
            break
        if _DIALECT_LINE.match(line):
            body_start = number
            break
        match = _KEY_LINE.match(line)
        if match and match.group("key") in _HEADER_KEYS:
            key, value = match.group("key"), match.group("value").strip()
            if key == "example":
                examples.append(value)
            else:
                header.setdefault(key, []).append(value)
            continue
        content = line[2:].strip()
        if key == "parameters" and content.startswith("$"):
            try:
                params.append(parse_param_line(content))
            except ValueError as exc:
                raise QueryFileError(f"{origin}:{number + 1}: {exc}") from exc
        elif key is not None and key != "example" and content:
            header[key].append(content)
        elif content:
            raise QueryFileError(f"{origin}:{number + 1}: header line outside a field: {line!r}")
    for required in ("name", "title", "description", "parameters", "read-only"):
        if required not in header:
            raise QueryFileError(f"{origin}: the header has no {required!r} field")
    read_only = " ".join(header["read-only"]).strip().lower()
    if read_only not in ("yes", "no"):
        raise QueryFileError(f"{origin}: read-only must be yes or no, not {read_only!r}")
    declared = " ".join(header["parameters"]).strip()
    if declared not in ("", "none") or (declared == "none" and params):
        raise QueryFileError(f"{origin}: parameters go one a line, each starting with $name")
    native = _native(header.get("native", []), origin)
    query = NamedQuery(
        name=" ".join(header["name"]).strip(),
        title=" ".join(header["title"]).strip(),
        description=" ".join(header["description"]).strip(),
        params=tuple(params),
        read_only=read_only == "yes",
        examples=tuple(examples),
        texts=_dialect_texts(lines[body_start:], origin, body_start),
        source=text,
        native=native,
    )
    _check_params_used(query, origin)
    return query


def _native(values: list[str], origin: str) -> dict[str, str]:
    """The ``native:`` header lines (``DIALECT FUNCTION``) as a dialect -> function map."""
    from kg.query.native import FUNCTIONS

    native: dict[str, str] = {}
    for value in values:
        parts = value.split()
        if len(parts) != 2 or parts[0] not in DIALECTS:
            raise QueryFileError(f"{origin}: native must be 'DIALECT FUNCTION', not {value!r}")
        if parts[1] not in FUNCTIONS:
            raise QueryFileError(f"{origin}: kg.query.native has no query function {parts[1]!r}")
        native[parts[0]] = parts[1]
    return native


def _dialect_texts(lines: list[str], origin: str, offset: int) -> dict[str, str]:
    """The statement for each dialect: common lines plus that dialect's sections, comments dropped."""
    kept: dict[str, list[str]] = {d: [] for d in DIALECTS}
    section: str | None = None
    for number, line in enumerate(lines, start=offset + 1):
        marker = _DIALECT_LINE.match(line)
        if marker:
            which = marker.group("which")
            if which == "end":
                if section is None:
                    raise QueryFileError(f"{origin}:{number}: 'dialect: end' outside a dialect section")
                section = None
            elif which in DIALECTS:
                section = which
            else:
                raise QueryFileError(f"{origin}:{number}: unknown dialect {which!r} (use neo4j or embedded)")
            continue
        if line.lstrip().startswith("//") or not line.strip():
            continue
        for dialect in DIALECTS if section is None else (section,):
            kept[dialect].append(line.rstrip())
    if section is not None:
        raise QueryFileError(f"{origin}: dialect section {section!r} is not closed by 'dialect: end'")
    texts = {d: "\n".join(body) for d, body in kept.items()}
    if not all(texts.values()):
        raise QueryFileError(f"{origin}: no statement after the header")
    return texts


def _check_params_used(query: NamedQuery, origin: str) -> None:
    """Every declared parameter is used in every dialect, and every used one is declared."""
    declared = {p.name for p in query.params}
    for dialect, text in query.texts.items():
        used = set(_USED_PARAM.findall(_without_strings(text)))
        if used - declared:
            raise QueryFileError(
                f"{origin} ({dialect}): undeclared parameters {', '.join(sorted(used - declared))}"
            )
        if declared - used:
            raise QueryFileError(
                f"{origin} ({dialect}): declared but unused parameters {', '.join(sorted(declared - used))}"
            )


def _without_strings(text: str) -> str:
    """``text`` with the inside of every string literal blanked (same length, so offsets hold)."""
    return _STRING.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)


@cache
def _library() -> dict[str, NamedQuery]:
    """Every query file shipped in the ``queries`` package, by name."""
    found: dict[str, NamedQuery] = {}
    for name in template_names():
        template = load_template(name)
        query = parse_query(template.text, template.path)
        if query.name != name:
            raise QueryFileError(f"{template.path}: the header names it {query.name!r}")
        found[query.name] = query
    return found


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    return list(_library().values())


def query_names() -> list[str]:
    """The names of the named queries, sorted."""
    return list(_library())


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; an :class:`UnknownQueryError` listing the valid names otherwise."""
    library = _library()
    if name in library:
        return library[name]
    close = difflib.get_close_matches(name, library, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UnknownQueryError(f"no named query {name!r}{hint}; the queries are: {', '.join(library)}")


def dialect_of(store: GraphStore) -> str:
    """The Cypher dialect a store speaks (its ``cypher_dialect``): ``neo4j`` or ``embedded``."""
    dialect = store.cypher_dialect
    if dialect not in DIALECTS:
        raise ValueError(f"unknown Cypher dialect {dialect!r}")
    return dialect


def run_named_query(
    store: GraphStore,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
) -> list[dict[str, Any]]:
    """Run the named query ``name`` on ``store`` and return its rows (one dict a row).

    ``params`` maps parameter names to values: strings (as typed on the command line, coerced by
    the declared type) or values of the declared type. Papers and entities are resolved to ids
    (a :class:`~kg.errors.NotFoundError` with close names if unknown); unknown or missing
    parameters raise a :class:`~kg.query.params.ParameterError` listing the valid ones. A query
    whose header says ``read-only: no`` runs only with ``write=True``. A Cypher query running
    past ``timeout`` seconds (None: the default) is stopped (:class:`~kg.errors.QueryTimeoutError`).
    """
    query = get_query(name)
    bound = bind_params(store, query.name, query.params, params or {})
    dialect = dialect_of(store)
    if dialect in query.native:
        from kg.query.native import FUNCTIONS

        return FUNCTIONS[query.native[dialect]](store, bound)
    return run_checked(
        store, query.cypher(dialect), bound, write=write and not query.read_only, timeout=timeout
    )
