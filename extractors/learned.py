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
            if label is None:
                continue
            surface = text[ent.start_char : ent.end_char]
            lower = label in (Label.TASK, Label.METRIC) and not _acronym(surface)
            name = surface.lower() if lower else surface
            start, end = ent.start_char, ent.end_char
            cand = Candidate(label, start, end, name, slug(name), self.name, self.confidence)
            if label is Label.MODEL:
                family, family_id = family_of(name) or (name, slug(name))  # a new model is its own family
                cand.attrs = {"family": family, "family_id": family_id}
            state.candidates.append(cand)
        return doc


def _acronym(surface: str) -> bool:
    return sum(ch.isupper() for ch in surface) >= 2 and " " not in surface
