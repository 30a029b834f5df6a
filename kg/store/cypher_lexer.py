"""A Cypher lexer for the checks run before a statement reaches a store (read-only, size, depth).

It splits a statement the way the Cypher grammars of Neo4j 5 and of the embedded engine
(ladybug, the Kùzu fork) do, and where they differ or are unsure it errs towards finding *more*
code, never less:

- numbers end where the grammar ends them (``1LOAD`` is the number ``1`` and the word ``LOAD``;
  ``0x1F``, ``0o17``, ``1_000``, ``1.5e-3``, ``.5``);
- a ``//`` comment ends at the first line break of any kind (``\\n``, ``\\r``, ``\\u2028``,
  ``\\u2029``, ``\\x85``, vertical tab, form feed, ``\\x1c``-``\\x1e``): Neo4j ends it at
  ``\\r`` and the Unicode separators too;
- ``/* … */`` ends at the first ``*/``; string literals (``'…'``, ``"…"``) take backslash escapes;
  backtick names take doubled backticks; an unterminated comment, literal or name is scanned as
  code from the character after its opening;
- words are ASCII (``[A-Za-z_][A-Za-z0-9_]*``): any other character separates them, so no word
  is ever longer than the engines' identifiers (every keyword an engine sees, the lexer sees);
- ``$name`` and ``$0`` are parameters; whitespace is whatever is not one of the above.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
"""Characters that end a ``//`` comment here (a superset of every engine's)."""

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")
_NUMBER = re.compile(
    r"0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+"
    r"|(?:[0-9][0-9_]*)?\.[0-9][0-9_]*(?:[eE][+-]?[0-9]+)?"
    r"|[0-9][0-9_]*(?:[eE][+-]?[0-9]+)?"
)
_COMMENT_END = re.compile(f"[{re.escape(LINE_BREAKS)}]")


class Kind(Enum):
    """What a token is."""

    WORD = "word"
    NAME = "name"  # a backtick-quoted name: never a keyword
    NUMBER = "number"
    STRING = "string"
    PARAM = "param"
    PUNCT = "punct"


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind and text (a name without its backticks, a literal with its quotes).

    ``glued`` is the text of the number a word directly follows (``0x1C`` before ``OPY``): a
    lexer without hexadecimal, octal or exponent literals reads the two differently.
    """

    kind: Kind
    text: str
    glued: str = ""

    @property
    def named(self) -> bool:
        """A word or a quoted name (what can name a variable, property, label or procedure)."""
        return self.kind in (Kind.WORD, Kind.NAME)


def tokens(query: str) -> Iterator[Token]:
    """The statement's tokens, without whitespace and comments."""
    i, n = 0, len(query)
    number = None
    while i < n:
        char = query[i]
        after_number, number = number, None
        if query.startswith("//", i):
            match = _COMMENT_END.search(query, i + 2)
            i = n if match is None else match.end()
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:  # unterminated: scan the rest as code
                yield Token(Kind.PUNCT, "/")
                i += 1
            else:
                i = end + 2
        elif char in "'\"":
            end = _literal_end(query, i, char)
            if end < 0:
                yield Token(Kind.PUNCT, char)
                i += 1
            else:
                yield Token(Kind.STRING, query[i:end])
                i = end
        elif char == "`":
            end = _backtick_end(query, i)
            if end < 0:
                yield Token(Kind.PUNCT, char)
                i += 1
            else:
                yield Token(Kind.NAME, query[i + 1 : end - 1].replace("``", "`"))
                i = end
        elif char == "$" and (param := _PARAM.match(query, i + 1)):
            yield Token(Kind.PARAM, param.group())
            i = param.end()
        elif (char.isascii() and char.isdigit()) or (char == "." and (number := _NUMBER.match(query, i))):
            number = _NUMBER.match(query, i)
            assert number is not None
            yield Token(Kind.NUMBER, number.group())
            i = number.end()
        elif word := _WORD.match(query, i):
            yield Token(Kind.WORD, word.group(), after_number.group() if after_number else "")
            i = word.end()
        elif char.isspace():
            i += 1
        else:
            yield Token(Kind.PUNCT, char)
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
