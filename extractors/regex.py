"""Regex helpers shared by the finders."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words grouped by first character, longest first.

    Python's ``re`` tries every branch of a flat alternation at every position; grouping by
    the first character lets it discard most positions after one comparison.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in sorted(groups.items()))


def lowered(text: str) -> str:
    """``text`` lower-cased with every offset kept: the few letters whose lower case is longer
    (such as "İ") stay as they are."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class LiteralCues:
    """An alternation of cue patterns, each starting with a literal word, run one by one.

    Python's ``re`` finds a pattern that starts with a literal about ten times faster than it
    scans an alternation, so ``\\b(?:tasks|metrics)…`` as two patterns costs a fraction of one.
    :meth:`finditer` merges their matches in text order with the alternation's semantics:
    a word boundary before each match, leftmost first (ties: earlier pattern), no overlaps.
    """

    def __init__(self, sources: Iterable[str]) -> None:
        self.patterns = [re.compile(source) for source in sources]

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The matches in ``text`` (already lower-cased where the patterns expect it)."""
        found = [
            (match.start(), order, match)
            for order, pattern in enumerate(self.patterns)
            for match in pattern.finditer(text)
            if match.start() == 0 or not _WORD_CHAR.match(text, match.start() - 1)
        ]
        found.sort(key=lambda item: (item[0], item[1]))
        kept: list[re.Match[str]] = []
        end = -1
        for start, _, match in found:
            if start >= end:
                kept.append(match)
                end = match.end()
        return kept


_WORD_CHAR = re.compile(r"\w")
