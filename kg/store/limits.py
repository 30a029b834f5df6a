"""Bounds on a Cypher statement, checked before any engine parses it, and the query timeout.

The engines' parsers are not built for hostile input: on the embedded engine 3,000 nested
parentheses crash the process (a stack overflow), nested ``CASE`` expressions take exponential
time (24 levels: 23 s) and 40,000 terms over a minute; on Neo4j a deep statement stalls the
driver. So a statement is measured first, with the lexer of the read-only check, and refused
(:class:`~kg.errors.QueryLimitError`) past :data:`MAX_LENGTH` characters, :data:`MAX_TOKENS`
tokens, :data:`MAX_DEPTH` levels of brackets and ``CASE`` or :data:`MAX_CASE_DEPTH` levels of
``CASE``. The named queries are far inside: at most 2,500 characters, 700 tokens, depth 6.

Parameter values are bounded too (:func:`check_params`): integers must fit the 64-bit integers
both stores compute with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.errors import QueryLimitError
from kg.store.cypher_lexer import Kind, tokens

MAX_LENGTH = 20_000
"""Characters in one statement."""
MAX_TOKENS = 4_000
"""Tokens in one statement (the embedded parser takes ~0.6 s for 4,000; time grows as the square)."""
MAX_DEPTH = 32
"""Levels of nested brackets (``(``, ``[``, ``{``) and ``CASE`` expressions together."""
MAX_CASE_DEPTH = 10
"""Levels of nested ``CASE`` expressions (the embedded parser's time doubles with each past ~12)."""
DEFAULT_TIMEOUT = 60.0
"""Seconds a query may run unless the caller says otherwise (``--timeout``)."""
INT64 = (-(2**63), 2**63 - 1)
_OPEN, _CLOSE = "([{", ")]}"


def check_bounds(query: str) -> None:
    """Raise :class:`~kg.errors.QueryLimitError` if ``query`` is too long or too deeply nested."""
    if len(query) > MAX_LENGTH:
        raise QueryLimitError(
            f"the Cypher statement is {len(query):,} characters long; at most {MAX_LENGTH:,} are accepted"
        )
    stack: list[str] = []
    previous = ""
    for count, token in enumerate(tokens(query), 1):
        if count > MAX_TOKENS:
            raise QueryLimitError(f"the Cypher statement has more than {MAX_TOKENS:,} tokens")
        punct = token.kind is Kind.PUNCT
        word = token.text.upper() if token.kind is Kind.WORD and previous != "." else ""
        previous = token.text if punct else ""
        top = stack[-1] if stack else ""
        closes = (punct and token.text in _CLOSE and top == "(") or (word == "END" and top == "CASE")
        if (punct and token.text in _OPEN) or word == "CASE":
            stack.append(word or "(")
            if len(stack) > MAX_DEPTH:
                raise QueryLimitError(
                    f"the Cypher statement nests brackets and CASE more than {MAX_DEPTH} levels deep"
                )
            if word and stack.count(word) > MAX_CASE_DEPTH:
                raise QueryLimitError(
                    f"the Cypher statement nests CASE more than {MAX_CASE_DEPTH} levels deep"
                )
        elif closes:
            stack.pop()


def check_params(params: Mapping[str, Any]) -> None:
    """Raise :class:`~kg.errors.QueryLimitError` for an integer parameter outside 64 bits."""
    for name, value in params.items():
        if _too_big(value):
            raise QueryLimitError(
                f"parameter {name}: an integer is out of range (the stores take {INT64[0]} to {INT64[1]})"
            )


def _too_big(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not INT64[0] <= value <= INT64[1]
    if isinstance(value, Mapping):
        return any(_too_big(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_too_big(v) for v in value)
    return False
