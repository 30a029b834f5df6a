"""Unlisted datasets by context: "the Community Alignment dataset", "experiments on CTB5 and UD1.4"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.acronyms import EVERYDAY
from extractors.regex import LiteralCues, lowered
from extractors.wordlists import entries, load

_HEAD = r"(?:dataset|benchmark|corpus|suite|leaderboard|testbed|treebank)"
HEAD = re.compile(r"\s(" + _HEAD + r")\b")
# One to four capitalised or alphanumeric words ending right before a dataset head noun.
# Inner words may be bare numbers ("RWTH-PHOENIX-Weather 2014 T"); no word but the last may end
# a sentence ("... and Absurdity. The dataset").
NAMED = re.compile(
    r"(?<![\w-])((?:(?:[A-Z][\w'.+-]*|\d[\w.+-]*[A-Za-z][\w.+-]*)(?<!\.)\s)"
    r"(?:(?:[A-Z][\w'.+-]*|\d[\w.+-]*)(?<!\.)\s){0,2}(?:[A-Z][\w'.+-]*|v?\d+(?:\.\d+)*)"
    r"|[A-Z][\w'.+-]*)$"
)
# "the dataset MultiDiac", "a benchmark dataset FECT": a coined name right after the head noun.
AFTER_HEAD = re.compile(r"\s+(?:\\\w+\{)?([A-Z][A-Za-z]*[A-Z0-9][\w.+-]*|[A-Z][a-z]+\d[\w.+-]*)(?![\w-])")
_NAMING_HEADS = load("dataset_naming_heads")
_CONTEXT = 120
# An evaluation cue ("experiments on", "benchmarks such as"), then a list of names.
_LIST_INTRO = r"\s*(?:,?\s*(?:such as|including|like|namely|e\.g\.,?)|:|\()"
CUE = LiteralCues(  # on lower-cased text
    word + _LIST_INTRO for word in (r"datasets?", r"benchmarks?", "corpora", "corpus", r"tasks?")
)
# Words whose "on" names evaluation data: "experiments on", "evaluated on", "trained on", and a
# reported result, "accuracy on MMLU", "gains on GSM8K". Found from each " on " (str.find) and
# the word before it: one regex per cue word scanned over every abstract costs more.
_ON_CUES = load("evaluation_on_cues")
_ON_PREFIXES = entries("evaluation_on_prefixes")
_WORD_BEFORE = re.compile(r"[a-z-]+$")


def _cue_ends(lower: str) -> list[int]:
    """Where each evaluation cue ends, in order."""
    ends = {match.end() for match in CUE.finditer(lower)}
    position = lower.find(" on ")
    while position >= 0:
        before = _WORD_BEFORE.search(lower, max(0, position - 16), position)
        if before is not None and (before.group() in _ON_CUES or before.group().startswith(_ON_PREFIXES)):
            ends.add(position + 3)
        position = lower.find(" on ", position + 1)
    return sorted(ends)


# Acronym-like names: two capitals, or letters and digits (CTB5, UD1.4, OntoNotes4.0, GSM8K).
# Also capitalised hyphen compounds ("Omni-Bench", "Arena-Hard").
NAME = re.compile(
    r"(?<![\w-])((?:[A-Z][A-Za-z]*[A-Z0-9][\w.'+-]*|[A-Z][a-z]+\d[\w.+-]*|[A-Z][a-z]+(?:-[A-Z][\w.+]*)+)"
    r"(?:[- ]v?\d[\w.]*)?)(?![\w-])"
)
_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|\(|\)|/|&)\s*)+$")
_GENERIC = EVERYDAY | {"English", "We", "Our", "In", "The", "This"}
# "ZIP-FIT-selected data": a name turned adjective is not a dataset's name.
_ADJECTIVE_TAIL = re.compile(r"-[a-z]{3,}$")
_STOP_FIRST = load("dataset_stop_first_words")


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
    """Named datasets by head noun (before it, or a coined name right after it), then
    acronym-like names listed after an evaluation cue."""
    for head in HEAD.finditer(text):
        after = AFTER_HEAD.match(text, head.end(1)) if head.group(1) in _NAMING_HEADS else None
        if after is not None:
            name = after.group(1).rstrip(".'-")
            if name not in _GENERIC and not _ADJECTIVE_TAIL.search(name):
                yield DatasetName(after.start(1), after.start(1) + len(name), name, None)
        match = NAMED.search(text, max(0, head.start() - _CONTEXT), head.start())
        if match is None:
            continue
        start, end = _trim(text, match.start(1), match.end(1))
        name = text[start:end]
        if name in _GENERIC or len(name) < 2 or not any(c.isalpha() for c in name):
            continue
        yield DatasetName(start, end, name, text[start : head.end(1)])
    for cue_end in _cue_ends(lowered(text)):
        position = cue_end
        sentence_end = text.find(". ", position)
        stop = len(text) if sentence_end < 0 else sentence_end
        while (match := NAME.search(text, position, stop)) is not None:
            gap = text[position : match.start()]
            if position != cue_end and not _LIST_GAP.match(gap):
                break
            if position == cue_end and gap.strip() not in ("", "the", "(", ":"):
                break
            name = match.group(1).rstrip(".'-")
            if name not in _GENERIC and not _ADJECTIVE_TAIL.search(name):
                yield DatasetName(match.start(1), match.start(1) + len(name), name, None)
            position = match.end()
