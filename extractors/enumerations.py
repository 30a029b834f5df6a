"""Entities listed after a typed cue: "tasks such as summarization and story generation",
"metrics including BLEU and COMET", "measures such as accuracy, latency and memory usage"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.phrases import PHRASE_TASK_HEADS, STRONG_METHOD_HEADS, VERBS, WEAK_METHOD_HEADS
from extractors.regex import LiteralCues, lowered
from extractors.types import Label
from extractors.wordlists import load, table

_INTRO = r"\s*,?\s*\(?\s*(?:such as|including|like|e\.g\.,?|namely|:)\s*"
# One pattern a cue word, on the lower-cased text (see LiteralCues).
_CUE_WORDS = {cue: Label(kind) for cue, kind in table("enumeration_cues").items()}
# Cues after which only names count ("methods like Cog Attention", not "methods like linear routers").
_NAMES_ONLY = load("enumeration_names_only_cues")
CUES = LiteralCues(rf"(?P<{word}>{word})" + _INTRO for word in _CUE_WORDS)
# Items end at a comma, "and"/"or", a closing bracket or the end of the sentence.
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+|\s*/\s*)")
_STOP = re.compile(
    r"[.;:)\]]|\s--?\s|\s(?:to|for|with|which|that|where|while|on|in|of|across|from"
    r"|are|is|was|were|has|have|can|could|will|would|may|might|remain|remains)\s"
)
_DETERMINER = re.compile(r"^(?:the|a|an|their|its|our|both|various|different|several)\s+", re.IGNORECASE)
_ITEM = re.compile(r"^[A-Za-z][\w'-]*(?: [\w'-]+){0,4}$")
MAX_ITEMS = 6
# Modal and copular words: an item holding one is a clause ("must be robust"), not a name.
_CLAUSE_WORDS = load("clause_words")
# Function words that open a clause or a phrase, never a listed name.
_CLAUSE_OPENERS = load("clause_openers")
_ARTICLES = load("articles")
_ADVERBS = load("frequency_adverbs")
# Cues whose items are often domains ("applications such as healthcare"): only task-shaped items.
_TASK_SHAPED_ONLY = load("enumeration_task_shaped_cues")


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
        cue = str(match.lastgroup)
        for item in _items(text, match.end(), _CUE_WORDS[cue]):
            if cue in _TASK_SHAPED_ONLY and not _task_shaped(item.text):
                continue
            if cue in _NAMES_ONLY and not _name_like(item.text):
                break
            yield item


def _name_like(item: str) -> bool:
    """A listed method given by name, not a description ("linear routers") or a clause ("DPO often
    overfit"): one word with an inner capital or a digit ("LoRA", "BM25"), or words ending in a
    capitalised word or a method head ("Cog Attention", "Best-of-N sampling")."""
    words = item.split()
    last = words[-1]
    if len(words) == 1:
        return len(last) > 1 and any(c.isupper() or c.isdigit() for c in last[1:])
    if not any(c.isupper() or c.isdigit() for c in item):
        return False
    return last[0].isupper() or last[0].isdigit() or last.lower() in STRONG_METHOD_HEADS | WEAK_METHOD_HEADS


def is_clause(words: list[str]) -> bool:
    """Whether a listed item reads as the start of a clause, not a name: it opens with a function
    word, a verb or an adverb ("there", "by employing ...", "demonstrated superiority", "along")
    or holds a modal, a copula or an article ("must be robust", "measuring the ability")."""
    first = words[0].lower()
    return (
        first in _CLAUSE_OPENERS
        or first in VERBS
        or first.endswith("ly")
        or (first.endswith("ed") and len(words) > 1)
        or any(word.lower() in _CLAUSE_WORDS for word in words)
        or any(word.lower() in _ARTICLES for word in words[1:])  # "refactoring a function"
        or any(word.lower() in _ADVERBS for word in words[1:])  # "DPO often require ..."
    )


def _task_shaped(item: str) -> bool:
    last = item.rsplit(" ", 1)[-1].lower()
    return last in PHRASE_TASK_HEADS or last.endswith("ing")


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
        if not _ITEM.match(part) or is_clause(part.split()):
            return
        yield Item(label, offset, offset + len(part), part)
