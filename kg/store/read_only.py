"""Is a Cypher statement read-only? A token scan that both stores apply before running one.

The statement is split by :mod:`kg.store.cypher_lexer` as the Cypher grammars split it (numbers,
words, comments, string literals, backtick names, parameters), erring towards more code where
the engines differ. Every word is then compared, case-insensitively, with the clauses that write
or reach outside the graph in Neo4j 5 or in the embedded engine (ladybug, the Kùzu fork): CREATE,
MERGE, SET, DELETE, DETACH DELETE, REMOVE, DROP, ALTER, LOAD (CSV, FROM, EXTENSION), COPY,
INSTALL, UNINSTALL, ATTACH, IMPORT/EXPORT DATABASE, CHECKPOINT, transaction control, FOREACH,
the Neo4j administration verbs (GRANT, DENY, REVOKE, RENAME, TERMINATE, START/STOP DATABASE,
ENABLE SERVER, …), ``SHOW`` of anything but indexes, constraints, functions and procedures, and
CALL of a procedure that is not on :data:`READ_PROCEDURES` (``CALL {…}`` subqueries are scanned
like the rest).

What cannot be a clause is skipped: literals, comments, backtick names, parameters, property
keys (``n.set``), labels and types (``:Create``) and map keys (``{delete: 1}``) -- except the
words in :data:`ALWAYS_REFUSED` (files, network, extensions: LOAD, COPY, ATTACH, INSTALL, …),
refused wherever they appear outside literals, comments and backticks. An unterminated literal
or comment is scanned as code, so doubt leads to a refusal.

The scan is conservative: a variable *named* like a clause (``WITH 1 AS set``) is refused too.
Parameter values are never part of the text, so no value can turn a read into a write.
"""

from __future__ import annotations

from kg.errors import ReadOnlyError
from kg.store.cypher_lexer import Kind, Token, tokens

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

ALWAYS_REFUSED = frozenset({"LOAD", "COPY", "ATTACH", "INSTALL", "UNINSTALL", "IMPORT", "EXPORT"})
"""Words that read or write files, reach the network or load code: refused even where they could
be a property key, a label or a map key (quote such a name with backticks)."""

SHOW_READS = frozenset(
    {"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS", "PROCEDURE", "PROCEDURES"}
)
"""What ``SHOW`` may list in a read-only statement (not settings, users, transactions, …)."""

ADMIN_VERBS = {
    "START": "DATABASE",
    "STOP": "DATABASE",
    "ENABLE": "SERVER",
    "DEALLOCATE": "DATABASES",
    "REALLOCATE": "DATABASES",
}
"""Neo4j administration verbs that are clauses only before a word (``WITH 1 AS start`` reads)."""

_QUALIFIERS = frozenset({"DELETE", "CSV", "FROM", "EXTENSION", "DATABASE", "TABLE", "TRANSACTION"})
_BEFORE_KEY = frozenset({")", "]", "}"})

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


_CLAUSE_WORDS = WRITE_WORDS | ALWAYS_REFUSED | set(ADMIN_VERBS) | {"CALL", "SHOW"}


def writing_clause(query: str) -> str | None:
    """The first clause of ``query`` that writes (e.g. ``DETACH DELETE``, ``CALL apoc.create.node``),
    or ``None`` for a read-only statement."""
    toks = list(tokens(query))
    for k, tok in enumerate(toks):
        if tok.kind is not Kind.WORD:
            continue
        upper = _glued_keyword(tok) or tok.text.upper()
        after = toks[k + 1] if k + 1 < len(toks) else None
        following = after.text.upper() if after is not None and after.named else ""
        if upper in ALWAYS_REFUSED:
            return f"{upper} {following}" if following in _QUALIFIERS else upper
        if _is_key(toks, k):
            continue
        if upper in WRITE_WORDS:
            return f"{upper} {following}" if following in _QUALIFIERS else upper
        if ADMIN_VERBS.get(upper, "-").rstrip("S") == following.rstrip("S"):
            return f"{upper} {following}"
        if upper == "SHOW" and following not in SHOW_READS:
            return f"SHOW {following}".rstrip()
        if upper == "CALL" and (after is None or after.text not in ("{", "(")):
            name = _dotted_name(toks, k + 1) if after is not None and after.named else ""
            if name.lower() not in READ_PROCEDURES:
                return f"CALL {name}".rstrip()
    return None


def _glued_keyword(tok: Token) -> str | None:
    """The clause word a word glued to a number ends in (``0x1C`` + ``OPY``: ``COPY``), if any."""
    if not tok.glued:
        return None
    text = (tok.glued + tok.text).upper()
    return next((w for w in sorted(_CLAUSE_WORDS, key=len, reverse=True) if text.endswith(w)), None)


def _is_key(toks: list[Token], k: int) -> bool:
    """Whether the word at ``k`` is a property key (``n.set``), a label or type (``:Create``) or
    a map key (``{delete: 1}``), so no clause."""
    before = toks[k - 1].text if k and toks[k - 1].kind is Kind.PUNCT else ""
    if before == ":":
        return True
    if before == "." and k >= 2:
        owner = toks[k - 2]
        return owner.named or owner.kind is Kind.PARAM or owner.text in _BEFORE_KEY
    after = toks[k + 1] if k + 1 < len(toks) else None
    return after is not None and after.text == ":" and before in ("{", ",")


def _dotted_name(toks: list[Token], start: int) -> str:
    parts = [toks[start].text]
    k = start + 1
    while k + 1 < len(toks) and toks[k].text == "." and toks[k].kind is Kind.PUNCT and toks[k + 1].named:
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


def check_no_outside_access(query: str) -> None:
    """Raise :class:`~kg.errors.ReadOnlyError` if ``query`` uses a word of :data:`ALWAYS_REFUSED`
    (files, network, extensions): refused even where writes are allowed."""
    for tok in tokens(query):
        word = (_glued_keyword(tok) or tok.text.upper()) if tok.kind is Kind.WORD else ""
        if word in ALWAYS_REFUSED:
            raise ReadOnlyError(
                f"refused a Cypher statement that reaches files, the network or extensions ({word}), "
                "even with --write: load data with 'kg ingest' or 'kg sync'"
            )
