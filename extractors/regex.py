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
