"""Entities listed after a typed cue: "tasks such as summarization and story generation",
"metrics including BLEU and COMET", "measures such as accuracy, latency and memory usage"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.regex import LiteralCues, lowered
from kg.model import Label

_INTRO = r"\s*,?\s*\(?\s*(?:such as|including|like|e\.g\.,?|namely|:)\s*"
# One pattern a cue word, on the lower-cased text (see LiteralCues).
_CUE_WORDS = {
    "tasks": Label.TASK,
    "applications": Label.TASK,
    "metrics": Label.METRIC,
    "measures": Label.METRIC,
}
CUES = LiteralCues(rf"(?P<{word}>{word})" + _INTRO for word in _CUE_WORDS)
# Items end at a comma, "and"/"or", a closing bracket or the end of the sentence.
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s*/\s*)")
_STOP = re.compile(
    r"[.;:)\]]|\s(?:to|for|with|which|that|where|while|on|in|of|across|from"
    r"|are|is|was|were|has|have|can|could|will|would|may|might|remain|remains)\s"
)
_DETERMINER = re.compile(r"^(?:the|a|an|their|its|our|both|various|different|several)\s+", re.IGNORECASE)
_ITEM = re.compile(r"^[A-Za-z][\w'-]*(?: [\w'-]+){0,4}$")
MAX_ITEMS = 6


@dataclass(frozen=True, slots=True)
class Item:
    """One listed entity and its offsets."""

    label: Label
    start: int
    end: int
    text: str


def find_enumerations(text: str) -> Iterator[Item]:
    """Items of every list that follows a typed cue, in order."""
    for match in CUES.finditer(lowered(text)):
        yield from _items(text, match.end(), _CUE_WORDS[str(match.lastgroup)])


def _items(text: str, start: int, label: Label) -> Iterator[Item]:
    stop = _STOP.search(text, start)
    end = stop.start() if stop else len(text)
    position = start
    for count, part in enumerate(_SEPARATOR.split(text[start:end])):
        offset = text.find(part, position, end) if part else -1
        if count >= MAX_ITEMS or offset < 0:
            return
        position = offset + len(part)
        lead = _DETERMINER.match(part)
        if lead:
            offset, part = offset + lead.end(), part[lead.end() :]
        part = part.strip()
        if not _ITEM.match(part):
            return
        yield Item(label, offset, offset + len(part), part)
