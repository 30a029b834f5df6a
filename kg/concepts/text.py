"""Tokens with character offsets, phrase candidates and the key that names a concept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from extractors.names import entity_key

DATA = Path(__file__).resolve().parents[1] / "data" / "concepts"
MAX_WORDS = 5
"""The longest phrase mined, in words ("semi structured sparsity" is three)."""

# Words: runs of letters and digits; a hyphen, an apostrophe or a space separate them, anything
# else (punctuation, brackets, maths) ends a chunk: phrases never cross it.
_CHUNK = re.compile(r"[^.,;:!?()\[\]{}\"\u201c\u201d\u2018\u2019/=<>|*$%&+~^\\]+")
_WORD = re.compile(r"[A-Za-z0-9]+")
_LINKER = "of"
"""The one word allowed inside a phrase ("mixture of experts"), never at its ends."""


class Token(NamedTuple):
    """A lower-cased word and its offsets in the text."""

    word: str
    start: int
    end: int


@cache
def word_list(name: str) -> frozenset[str]:
    """A data file of ``kg/data/concepts`` as a set of lines (``#`` comments and blanks skipped)."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def stopwords() -> frozenset[str]:
    """Words no phrase starts or ends with (function words, reporting verbs, bare numbers are separate)."""
    return word_list("stopwords.txt")


def chunks(text: str) -> Iterator[list[Token]]:
    """Runs of words between punctuation, lower-cased, with offsets into ``text``."""
    for chunk in _CHUNK.finditer(text):
        base = chunk.start()
        words = [
            Token(m.group().lower(), base + m.start(), base + m.end()) for m in _WORD.finditer(chunk.group())
        ]
        if words:
            yield words


def good_end(word: str, stop: frozenset[str]) -> bool:
    return word not in stop and not word.isdigit() and len(word) > 1


def candidates(
    words: list[str], stop: frozenset[str], max_words: int = MAX_WORDS
) -> Iterator[tuple[int, int]]:
    """``(i, j)`` spans of ``words`` that may be phrases: 1 to ``max_words`` words, no stopword or
    bare number at either end, no stopword inside except ``of``."""
    n = len(words)
    for i in range(n):
        if not good_end(words[i], stop):
            continue
        for j in range(i + 1, min(n, i + max_words) + 1):
            last = words[j - 1]
            if j - 1 > i and last in stop and last != _LINKER:
                break
            if good_end(last, stop):
                yield i, j


def phrase_key(words: list[str] | tuple[str, ...]) -> str:
    """The concept key of a phrase: the entity key rules (case, hyphens, US spelling, plural)."""
    return entity_key("Concept", " ".join(words))
