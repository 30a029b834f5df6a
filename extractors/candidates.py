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
# disagree: first in this order wins, unlisted sources last (the acronym and enumeration finders'
# shape guesses). The trained layers (the annotation lexicon, then the recogniser, which types a
# name from its context) come after the names the gazetteer or a dataset context vouch for. The
# shipped order is the resolver's ``priority`` setting in the pipeline's config.
DEFAULT_PRIORITY = (
    "kg_links",
    "kg_models",
    "kg_gazetteer",
    "kg_datasets",
    "kg_coined",
    "kg_phrases",
    "kg_lexicon",
    "kg_learned",
)


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
