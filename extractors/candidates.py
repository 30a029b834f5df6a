"""Candidate mentions: what each component proposes before the resolver decides.

Candidates are mutable (the resolver sets roles, names and aliases); the resolver turns the
survivors into frozen :class:`~extractors.types.Mention` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from extractors.state import doc_state
from extractors.types import Label

# Which source wins an overlap of equal length, and whose type a name takes when sources
# disagree (lower first). The trained layers (the annotation lexicon, then the recogniser, which
# types a name from its context) beat the
# shape guesses of the acronym and enumeration finders (9, unlisted) but not names the
# gazetteer or a dataset context vouch for.
PRIORITY = {
    "kg_links": 0,
    "kg_models": 1,
    "kg_gazetteer": 2,
    "kg_datasets": 3,
    "kg_coined": 4,
    "kg_phrases": 5,
    "kg_lexicon": 6,
    "kg_learned": 7,
}


@dataclass(slots=True)
class Candidate:
    """A span some component believes names an entity."""

    label: Label
    start: int
    end: int
    name: str
    key: str
    source: str
    confidence: float
    role: str | None = None
    salient_only: bool = False
    known_forms: frozenset[str] = frozenset()
    defined: bool = False  # the paper defines it with an abbreviation
    nested: bool = (
        False  # inside a longer mention ("knowledge distillation" in "Sinkhorn Knowledge Distillation")
    )
    aliases: set[str] = field(default_factory=set)
    attrs: dict[str, str] = field(default_factory=dict)
    learned_agrees: bool = False  # a learned layer found the same span and type

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def candidates(doc: Doc) -> list[Candidate]:
    """The doc's candidate list (see :mod:`extractors.state`)."""
    return doc_state(doc).candidates
