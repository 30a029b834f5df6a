"""Spans found by the trained entity recogniser, as candidates for the resolver.

The recogniser (spaCy's ``ner`` over a small CNN ``tok2vec``, trained on the annotated arXiv
abstracts by ``scripts/train/train.py``) sets ``doc.ents``; this component turns each entity into
a :class:`~extractors.candidates.Candidate` with the source ``kg_learned``. How learned and rule
candidates combine is the resolver's precedence (see :mod:`extractors.resolve`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.candidates import Candidate
from extractors.components import BatchComponent
from extractors.models import family_of
from extractors.names import slug
from extractors.state import doc_state
from extractors.types import Label

LABELS = {
    "METHOD": Label.METHOD,
    "DATASET": Label.DATASET,
    "MODEL": Label.MODEL,
    "TASK": Label.TASK,
    "METRIC": Label.METRIC,
}
SOURCE = "kg_learned"


class LearnedSpans(BatchComponent):
    """``doc.ents`` -> candidates (tasks and metrics lower-cased, as the guidelines name them)."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        text = state.text
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is not None:
                surface = text[ent.start_char : ent.end_char]
                cand = span_candidate(
                    label, ent.start_char, ent.end_char, surface, self.name, self.confidence
                )
                state.candidates.append(cand)
        return doc


def span_candidate(
    label: Label, start: int, end: int, surface: str, source: str, confidence: float
) -> Candidate:
    """A candidate for a span a trained part found (tasks and metrics lower-cased unless an acronym;
    a model gets its family, or is its own family when it is new)."""
    lower = label in (Label.TASK, Label.METRIC) and not _acronym(surface)
    name = surface.lower() if lower else surface
    cand = Candidate(label, start, end, name, slug(name), source, confidence)
    if label is Label.MODEL:
        family, family_id = family_of(name) or (name, slug(name))
        cand.attrs = {"family": family, "family_id": family_id}
    return cand


def _acronym(surface: str) -> bool:
    return sum(ch.isupper() for ch in surface) >= 2 and " " not in surface
