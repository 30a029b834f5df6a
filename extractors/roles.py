"""Proposed or used: cue patterns around a mention decide whether this paper introduces it."""

from __future__ import annotations

import re

# A cue before the mention in its sentence: "we propose X", "this paper introduces a new X".
_BEFORE = re.compile(
    r"\b(?:we|this (?:paper|work|study|article)|our (?:work|paper)|here,? we|in this (?:paper|work),? we)\b"
    r"[^.;:]{0,40}?\b(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|design(?:s|ed)?|"
    r"release[sd]?|construct(?:s|ed)?|build|built|create[sd]?|curate[sd]?|devise[sd]?|put forward|"
    r"contribute[sd]?|offer(?:s|ed)?|establish(?:es|ed)?|formulate[sd]?|collect(?:s|ed)?)\b",
    re.IGNORECASE,
)
# A naming cue right before the mention: "termed X", "called X", "dubbed X", "named X".
_NAMING = re.compile(
    r"\b(?:termed|called|dubbed|named|coined|denoted(?: as)?|namely)\s*[\"'“]?\s*$", re.IGNORECASE
)
# "X, a novel ..." / "X, our new ..." right after the mention.
_AFTER = re.compile(
    r"^\s*[\"'”]?\s*(?:\([^)]{1,30}\))?\s*,\s*(?:a|an|our)\s+(?:novel|new|simple|unified)\b", re.IGNORECASE
)
_OUR = re.compile(r"\bour\s+(?:\w+[- ]){0,3}$", re.IGNORECASE)


def is_proposed(sentence: str, start: int, end: int, *, in_title: bool = False) -> bool:
    """Whether the mention at ``sentence[start:end]`` is presented as this paper's contribution."""
    before = sentence[:start]
    if _NAMING.search(before[-40:]) or _AFTER.match(sentence[end:]) or _OUR.search(before[-40:]):
        return True
    if in_title:
        return bool(re.match(r"\s*:", sentence[end:])) and start == 0
    return bool(_BEFORE.search(before))
