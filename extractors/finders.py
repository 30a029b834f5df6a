"""Candidate finders: pure functions from a paper's text to :class:`Candidate` values.

Each takes the text (title + newline + abstract) and where the title ends; the spaCy
component that runs it (:class:`extractors.components.CandidateFinder`) stamps its own name
and confidence on what it yields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from extractors.acronyms import find_acronym_names
from extractors.candidates import Candidate
from extractors.coined import find_coined_names
from extractors.datasets import find_dataset_names
from extractors.enumerations import find_enumerations
from extractors.links import find_links
from extractors.names import normalise_url, slug
from extractors.nominal import find_nominal_tasks, follows_data_for, is_standalone_task
from extractors.phrases import find_phrases
from extractors.types import Label

Finder = Callable[[str, int], Iterator[Candidate]]


def _candidate(label: Label, start: int, end: int, name: str, **fields: object) -> Candidate:
    return Candidate(label, start, end, name, slug(name), "", 0.0, **fields)  # type: ignore[arg-type]


def link_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Code, model, data and project URLs, cleaned and typed."""
    for link in find_links(text):
        attrs = {"url": link.url, "kind": link.kind.value}
        yield Candidate(
            Label.REPO, link.start, link.end, link.url, normalise_url(link.url), "", 0.0, attrs=attrs
        )


def model_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Model names (versioned and sized, by pattern) with their family."""
    from extractors.models import find_models

    for match in find_models(text):
        attrs = {"family": match.family, "family_id": match.family_id}
        yield _candidate(Label.MODEL, match.start, match.end, match.name, attrs=attrs)


def phrase_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Unlisted methods, tasks and measures by their head noun (a task on one mention when it
    stands alone or is what a benchmark is for); tasks written as a verb or an "N of X" phrase
    (see :mod:`extractors.nominal`)."""
    for phrase in find_phrases(text):
        name = phrase.text if phrase.label is Label.METHOD else phrase.text.lower()
        if phrase.label is Label.METRIC and name.endswith("s"):
            name = name[:-1]  # "bias scores" measure the "bias score"
        salient_only = phrase.needs_salience and not (
            phrase.label is Label.TASK
            and (is_standalone_task(phrase.text) or follows_data_for(text, phrase.start))
        )
        yield _candidate(phrase.label, phrase.start, phrase.end, name, salient_only=salient_only)
    for task in find_nominal_tasks(text, title_end):
        yield _candidate(Label.TASK, task.start, task.end, task.name, salient_only=True)


def dataset_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Unlisted datasets by their head noun or an evaluation cue."""
    for hit in find_dataset_names(text):
        aliases = {hit.with_head} if hit.with_head else set()
        yield _candidate(Label.DATASET, hit.start, hit.end, hit.name, aliases=aliases)


def enumeration_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Tasks and metrics listed after a typed cue."""
    for item in find_enumerations(text):
        yield _candidate(
            item.label, item.start, item.end, item.text if item.text.isupper() else item.text.lower()
        )


def acronym_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Unlisted acronym-like names, kept only where the paper dwells on them (benchmark-shaped
    names always).

    A method's name mixes cases ("RegMix", "iHVP", "DyLoRA"); an all-capitals token that the
    paper neither defines nor introduces is far more often an organisation, a standard, a field
    or a shouted title word (IEEE, MRI, ICD, STEM, SNOMED, LEARNING): in SciREX and GSAP-NER
    abstracts one such token in eleven named a method or a model.
    """
    for start, end, is_dataset in find_acronym_names(text):
        if not is_dataset and text[start:end].isupper():
            continue
        label = Label.DATASET if is_dataset else Label.METHOD
        # A name shaped like a benchmark's ("SORRY-Bench", "IFEval", "GutenQA") counts once.
        yield _candidate(label, start, end, text[start:end], salient_only=not is_dataset)


def coined_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Names a paper coins for its own contribution."""
    for start, end, label in find_coined_names(text, title_end):
        yield _candidate(label, start, end, text[start:end])
