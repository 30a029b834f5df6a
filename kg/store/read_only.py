"""Is a Cypher statement read-only? A token scan that both stores apply before running one.

The scan skips what cannot be a clause: string literals (``'…'``, ``"…"``, backslash escapes),
backtick-quoted names, comments (``//…``, ``/*…*/``), ``$parameters``, property keys (``n.set``),
labels and types (``:Create``) and map keys (``{delete: 1}``). Every other word is compared,
case-insensitively, with the clauses that write in Neo4j 5 or in the embedded engine (ladybug,
the Kùzu fork): CREATE, MERGE, SET, DELETE, DETACH DELETE, REMOVE, DROP, ALTER, LOAD (CSV, FROM,
EXTENSION), COPY, INSTALL, UNINSTALL, ATTACH, IMPORT/EXPORT DATABASE, CHECKPOINT, transaction
control, FOREACH, the Neo4j administration verbs GRANT/DENY/REVOKE/RENAME/TERMINATE, and CALL of
a procedure that is not on :data:`READ_PROCEDURES` (``CALL {…}`` subqueries are scanned like the
rest). An unterminated literal or comment is scanned as code, so doubt leads to a refusal.

The scan is conservative: a variable *named* like a clause (``WITH 1 AS set``) is refused too.
Parameter values are never part of the text, so no value can turn a read into a write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.errors import ReadOnlyError

WRITE_WORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "ALTER",
        "LOAD",
        "COPY",
        "INSTALL",
        "UNINSTALL",
        "ATTACH",
        "IMPORT",
        "EXPORT",
        "CHECKPOINT",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "FOREACH",
        "GRANT",
        "DENY",
        "REVOKE",
        "RENAME",
        "TERMINATE",
    }
)
"""Words that start (or are) a writing clause in either dialect."""

READ_PROCEDURES = frozenset(
    {
        # Neo4j 5
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.info",
        "db.ping",
        "dbms.components",
        # the embedded engine (ladybug / Kùzu table functions)
        "show_tables",
        "table_info",
        "show_connection",
        "db_version",
        "show_functions",
        "show_indexes",
        "current_setting",
    }
)
"""Procedures ``CALL`` may name in a read-only statement (lower case)."""

_WORD = re.compile(r"[^\W\d]\w*")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Token:
    """A word, a backtick-quoted name (``quoted``: never a keyword) or a punctuation character."""

    text: str
    word: bool
    quoted: bool = False


def tokens(query: str) -> Iterator[Token]:
    """The statement's words, quoted names and punctuation, without literals, comments,
    parameters or numbers."""
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i = _SPACE.match(query, i).end()  # type: ignore[union-attr]
        elif query.startswith("//", i):
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            i = i + 2 if end < 0 else end + 2  # unterminated: scan the rest as code
        elif char in "'\"":
            end = _literal_end(query, i, char)
            i = i + 1 if end < 0 else end
        elif char == "`":
            end = _backtick_end(query, i)
            if end < 0:
                i += 1
            else:
                yield Token(query[i + 1 : end - 1].replace("``", "`"), True, quoted=True)
                i = end
        elif char == "$":
            match = _WORD.match(query, i + 1)
            i = match.end() if match else i + 1
        elif char.isdigit():
            i += 1
            while i < n and (query[i].isalnum() or query[i] == "_"):
                i += 1
        else:
            match = _WORD.match(query, i)
            if match:
                yield Token(match.group(), True)
                i = match.end()
            else:
                yield Token(char, False)
                i += 1


def _literal_end(query: str, start: int, quote: str) -> int:
    """The index after the literal opened at ``start``; -1 if it never closes."""
    i = start + 1
    while i < len(query):
        if query[i] == "\\":
            i += 2
        elif query[i] == quote:
            return i + 1
        else:
            i += 1
    return -1


def _backtick_end(query: str, start: int) -> int:
    """The index after the backtick-quoted name opened at ``start`` (doubled backticks escape)."""
    i = start + 1
    while True:
        end = query.find("`", i)
        if end < 0:
            return -1
        if query.startswith("``", end):
            i = end + 2
            continue
        return end + 1


def writing_clause(query: str) -> str | None:
    """The first clause of ``query`` that writes (e.g. ``DETACH DELETE``, ``CALL apoc.create.node``),
    or ``None`` for a read-only statement."""
    toks = list(tokens(query))
    for k, tok in enumerate(toks):
        if not tok.word:
            continue
        before = toks[k - 1].text if k else ""
        after = toks[k + 1].text if k + 1 < len(toks) else ""
        if before in (".", ":") or after == ":":
            continue  # a property key, a label or type, a map key
        upper = tok.text.upper()
        if tok.quoted:
            continue
        if upper in WRITE_WORDS:
            if after.upper() in {"DELETE", "CSV", "FROM", "EXTENSION", "DATABASE", "TABLE"}:
                return f"{upper} {after.upper()}"
            return upper
        if upper == "CALL" and after not in ("{", "("):
            name = _dotted_name(toks, k + 1) if after and toks[k + 1].word else after
            if name.lower() not in READ_PROCEDURES:
                return f"CALL {name}".rstrip()
    return None


def _dotted_name(toks: list[Token], start: int) -> str:
    parts = [toks[start].text]
    k = start + 1
    while k + 1 < len(toks) and toks[k].text == "." and toks[k + 1].word:
        parts.append(toks[k + 1].text)
        k += 2
    return ".".join(parts)


def check_read_only(query: str) -> None:
    """Raise :class:`~kg.errors.ReadOnlyError` naming the clause if ``query`` writes."""
    clause = writing_clause(query)
    if clause is not None:
        raise ReadOnlyError(
            f"refused a Cypher statement that writes ({clause}): Cypher runs read-only unless "
            "writes are allowed (--write)"
        )
