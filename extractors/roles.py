"""Proposed or used: cue patterns around a mention decide whether this paper introduces it."""

from __future__ import annotations

import bisect
import re

from extractors.regex import LiteralCues, lowered

# A cue before the mention in its sentence: "we propose X", "this paper introduces a new X".
# Found verb first (verbs are rarer than "we"), then the subject within 45 characters before it.
_CUE_VERB = LiteralCues(  # on lower-cased text
    rf"{verb}\b"
    for verb in (
        "propose[sd]?",
        "introduce[sd]?",
        "present(?:s|ed)?",
        "develop(?:s|ed)?",
        "design(?:s|ed)?",
        "release[sd]?",
        "construct(?:s|ed)?",
        "build(?! (?:up)?on)",  # "we build on X" uses X
        "built(?! (?:up)?on)",
        "create[sd]?",
        "curate[sd]?",
        "devise[sd]?",
        "put forward",
        "contribute[sd]?",
        "offer(?:s|ed)?",
        "establish(?:es|ed)?",
        "formulate[sd]?",
        "collect(?:s|ed)?",
    )
)
_CUE_SUBJECT = re.compile(r"\b(?:we|this (?:paper|work|study|article)|our (?:work|paper))\b[^.;:]{0,40}$")
# A naming cue right before the mention: "termed X", "called X", "dubbed X", "named X".
_NAMING = re.compile(
    r"\b(?:termed|called|dubbed|named|coined|denoted(?: as)?|namely)\s*[\"'“]?\s*$", re.IGNORECASE
)
# "X, a novel ..." / "X, our new ..." right after the mention.
_AFTER = re.compile(
    r"\s*[\"'”]?\s*(?:\([^)]{1,30}\))?\s*,\s*(?:a|an|our)\s+(?:novel|new|simple|unified)\b", re.IGNORECASE
)
_OUR = re.compile(r"\bour\s+(?:\w+[- ]){0,3}$", re.IGNORECASE)


def cue_ends(text: str) -> list[int]:
    """Where each "we propose …"-style cue ends in ``text`` (cues never cross a full stop)."""
    lower = lowered(text)
    return [
        verb.end()
        for verb in _CUE_VERB.finditer(lower)
        if _CUE_SUBJECT.search(lower, max(0, verb.start() - 45), verb.start())
    ]


def is_proposed_at(
    text: str, sentence_start: int, start: int, end: int, cues: list[int], *, in_title: bool = False
) -> bool:
    """Whether the mention at ``text[start:end]`` is presented as the paper's contribution.

    ``cues`` are :func:`cue_ends` of ``text``; a cue counts when it ends in the mention's
    sentence before the mention.
    """
    window = text[max(sentence_start, start - 40) : start]
    if _NAMING.search(window) or _OUR.search(window) or _AFTER.match(text, end, min(len(text), end + 60)):
        return True
    if in_title:
        return start == sentence_start and bool(re.match(r"\s*:", text[end : end + 3]))
    index = bisect.bisect_right(cues, start) - 1
    return index >= 0 and cues[index] > sentence_start


def is_proposed(sentence: str, start: int, end: int, *, in_title: bool = False) -> bool:
    """:func:`is_proposed_at` for a mention inside one sentence."""
    return is_proposed_at(sentence, 0, start, end, cue_ends(sentence), in_title=in_title)
