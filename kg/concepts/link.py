"""One paper's concepts: the vocabulary's phrases found in its text, TF-IDF weighted, with evidence."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.concepts.text import MAX_WORDS, chunks
from kg.concepts.vocabulary import Concept, Vocabulary

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
TITLE_BOOST = 1
"""Extra occurrences credited to a concept named in the title."""


@dataclass(frozen=True, slots=True)
class ConceptLink:
    """A paper is about a concept: ``weight`` is its L2-normalised TF-IDF in the paper (times the
    concept's specificity: :meth:`Vocabulary.weight`), ``count``
    how often it occurs; the first occurrence is the evidence (offsets index the paper's text)."""

    concept: Concept
    weight: float
    count: int
    start: int
    end: int
    surface: str
    sentence: str


def longest(words: list[str], vocabulary: Vocabulary) -> Iterator[tuple[Concept, int, int]]:
    """Longest vocabulary phrases in a run of ``words``, left to right, not overlapping:
    (concept, first word, end word)."""
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_WORDS), i, -1):
            concept = vocabulary.by_form(tuple(words[i:j]))
            if concept is not None:
                yield concept, i, j
                i = j
                break
        else:
            i += 1


def matches(text: str, vocabulary: Vocabulary) -> Iterator[tuple[Concept, int, int]]:
    """Longest vocabulary phrases in ``text``, left to right, not overlapping: (concept, start, end)."""
    for chunk in chunks(text):
        for concept, i, j in longest([t.word for t in chunk], vocabulary):
            yield concept, chunk[i].start, chunk[j - 1].end


def _sentence(text: str, start: int, end: int) -> str:
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)].strip()


def link(title: str, abstract: str, vocabulary: Vocabulary) -> list[ConceptLink]:
    """The concepts of a paper (text = ``title + "\\n" + abstract``), heaviest first, then by id."""
    text = f"{title}\n{abstract}" if abstract else title
    first: dict[str, tuple[Concept, int, int]] = {}
    counts: dict[str, int] = {}
    for concept, start, end in matches(text, vocabulary):
        first.setdefault(concept.id, (concept, start, end))
        counts[concept.id] = counts.get(concept.id, 0) + 1 + (TITLE_BOOST if end <= len(title) else 0)
    raw = {cid: (1 + math.log(counts[cid])) * vocabulary.weight(first[cid][0]) for cid in first}
    norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
    links = [
        ConceptLink(
            concept=concept,
            weight=round(raw[cid] / norm, 6),
            count=counts[cid],
            start=start,
            end=end,
            surface=text[start:end],
            sentence=_sentence(text, start, end),
        )
        for cid, (concept, start, end) in first.items()
    ]
    return sorted(links, key=lambda lk: (-lk.weight, lk.concept.id))
