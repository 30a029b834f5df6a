"""The extraction pipeline: ``spacy.blank("en")`` plus paper-kg's registered components."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Mention, Paper

if TYPE_CHECKING:
    from spacy.language import Language

COMPONENTS = (
    "sentencizer",
    "kg_title_sentence",
    "kg_abbreviations",
    "kg_links",
    "kg_gazetteer",
    "kg_datasets",
    "kg_phrases",
    "kg_coined",
    "kg_resolve",
)


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """A blank English pipeline with the sentencizer and paper-kg's components."""
    import spacy

    import extractors.factories  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def extract(
    papers: Iterable[Paper], *, batch_size: int = 256, workers: int = 1
) -> Iterator[tuple[Paper, list[Mention]]]:
    """Each paper with the mentions found in its title and abstract, in input order."""
    nlp = make_nlp()
    pairs = ((paper.text, paper) for paper in papers)
    for doc, paper in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers):
        yield paper, list(doc._.kg_mentions or [])
