"""Unlisted names that look coined: acronym-like tokens (DSIR, RegMix, WiSE-FT, iHVP, D4).

A token with two capitals, or a capital and a digit, that no other component recognised and
that is not a generic or everyday acronym (GPU, API, SOTA), is probably a method's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.wordlists import entries, load

# A word (letters, digits, inner hyphens) that holds a capital letter; found from its capitals.
_CAPITAL = re.compile(r"[A-Z]")
NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
# Two capitals in a row, a capital inside a word, or letters and digits: DSIR, RegMix, D4.
_COINED_SHAPE = re.compile(r"[A-Z]{2}|[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]")
# Plural acronyms name classes of things (PLMs, RMs); "-based", "-like" make adjectives.
_PLURAL = re.compile(r"[A-Z]s$")
_ADJECTIVE_TAIL = re.compile(r"-[a-z]{3,}$")
_DATASET_TAIL = re.compile("(?:" + "|".join(map(re.escape, entries("dataset_name_tails"))) + ")$")
EVERYDAY = load("everyday_acronyms")

# Ordinary words a title writes in capitals ("One QuantLLM for ALL").
SHOUTED = load("shouted_words")


def find_acronym_names(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_dataset)`` of acronym-like names that are not everyday acronyms."""
    covered = 0
    for capital in _CAPITAL.finditer(text):
        if capital.start() < covered:
            continue
        start = capital.start()
        while start > 0 and text[start - 1] in _WORD_CHARS:
            start -= 1
        while text[start] == "-":
            start += 1
        match = NAME.match(text, start)
        if match is None:
            continue
        covered = match.end()
        if (start > 0 and text[start - 1] in "@/.") or (covered < len(text) and text[covered] in "@/"):
            continue
        word = match.group()
        if (
            word in EVERYDAY
            or word in SHOUTED
            or not _COINED_SHAPE.search(word)
            or _PLURAL.search(word)
            or _ADJECTIVE_TAIL.search(word)
        ):
            continue
        yield match.start(), match.end(), bool(_DATASET_TAIL.search(word))
