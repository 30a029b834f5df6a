"""Unlisted datasets by context: "the Community Alignment dataset", "experiments on CTB5 and UD1.4"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.acronyms import EVERYDAY
from extractors.regex import LiteralCues, lowered

_HEAD = r"(?:dataset|benchmark|corpus|suite|leaderboard|testbed|treebank)"
HEAD = re.compile(r"\s(" + _HEAD + r")\b")
# One to four capitalised or alphanumeric words ending right before a dataset head noun.
NAMED = re.compile(r"(?<![\w-])((?:(?:[A-Z][\w'.+-]*|\d[\w.+-]*[A-Za-z][\w.+-]*)\s){0,3}[A-Z][\w'.+-]*)$")
_CONTEXT = 120
# An evaluation cue ("experiments on", "benchmarks such as"), then a list of names.
_LIST_INTRO = r"\s*(?:,?\s*(?:such as|including|like|namely|e\.g\.,?)|:|\()"
CUE = LiteralCues(  # on lower-cased text
    [
        *(rf"{word}\s+on" for word in (r"experiments?", "results", r"evaluat\w*", "tested")),
        r"benchmark\w*\s+on",
        *(rf"{word}\s+on" for word in ("trained", "fine-tuned", "pre-?trained")),
        *(word + _LIST_INTRO for word in (r"datasets?", r"benchmarks?", "corpora", "corpus", r"tasks?")),
    ]
)
# Acronym-like names: two capitals, or letters and digits (CTB5, UD1.4, OntoNotes4.0, GSM8K).
NAME = re.compile(
    r"(?<![\w-])((?:[A-Z][A-Za-z]*[A-Z0-9][\w.'+-]*|[A-Z][a-z]+\d[\w.+-]*)(?:[- ]v?\d[\w.]*)?)(?![\w-])"
)
_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|\(|\)|/|&)\s*)+$")
_GENERIC = EVERYDAY | {"English", "We", "Our", "In", "The", "This"}
# "ZIP-FIT-selected data": a name turned adjective is not a dataset's name.
_ADJECTIVE_TAIL = re.compile(r"-[a-z]{3,}$")
_STOP_FIRST = frozenset(
    {"The", "A", "An", "Our", "This", "These", "We", "In", "On", "Its", "Their", "New", "Novel"}
)


@dataclass(frozen=True, slots=True)
class DatasetName:
    """A dataset name, its offsets, and the fuller form written with its head noun."""

    start: int
    end: int
    name: str
    with_head: str | None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and sentence-starters ("The", "Our") from a name."""
    while True:
        word_end = text.find(" ", start, end)
        if word_end < 0 or text[start:word_end] not in _STOP_FIRST:
            return start, end
        start = word_end + 1


def find_dataset_names(text: str) -> Iterator[DatasetName]:
    """Named datasets by head noun, then acronym-like names listed after an evaluation cue."""
    for head in HEAD.finditer(text):
        match = NAMED.search(text, max(0, head.start() - _CONTEXT), head.start())
        if match is None:
            continue
        start, end = _trim(text, match.start(1), match.end(1))
        name = text[start:end]
        if name in _GENERIC or not any(c.isalpha() for c in name):
            continue
        yield DatasetName(start, end, name, text[start : head.end(1)])
    for cue in CUE.finditer(lowered(text)):
        position = cue.end()
        sentence_end = text.find(". ", position)
        stop = len(text) if sentence_end < 0 else sentence_end
        while (match := NAME.search(text, position, stop)) is not None:
            gap = text[position : match.start()]
            if position != cue.end() and not _LIST_GAP.match(gap):
                break
            if position == cue.end() and gap.strip() not in ("", "the", "(", ":"):
                break
            name = match.group(1).rstrip(".'-")
            if name not in _GENERIC and not _ADJECTIVE_TAIL.search(name):
                yield DatasetName(match.start(1), match.start(1) + len(name), name, None)
            position = match.end()
