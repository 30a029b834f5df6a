"""spaCy factories of paper-kg's components, registered on import and as entry points.

The pipeline (`extractors/pipeline/config.cfg`): ``kg_sentences`` → ``kg_abbreviations`` →
candidate finders (``kg_links``, ``kg_models``, ``kg_gazetteer``, ``kg_datasets``,
``kg_enumerations``, ``kg_phrases``, ``kg_coined``, ``kg_acronyms``) → ``kg_resolve``.
"""

from __future__ import annotations

from spacy.language import Language

from extractors import finders
from extractors.candidates import DEFAULT_PRIORITY
from extractors.components import (
    AbbreviationFinder,
    CandidateFinder,
    GazetteerMatcher,
    Resolver,
    SentenceSplitter,
    TitleAwareTokenizer,
)
from extractors.entity_filter import EntityFilter
from extractors.learned import LearnedSpans
from extractors.lexicon_spans import LexiconSpans
from extractors.names import normalise_key
from extractors.resolve import Precedence
from extractors.role_component import RoleClassifier
from extractors.types import Label

__all__ = ["TitleAwareTokenizer"]


@Language.factory("kg_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Split titles and abstracts into sentences (the title is one)."""
    return SentenceSplitter()


@Language.factory("kg_abbreviations")
def make_abbreviation_finder(nlp: Language, name: str) -> AbbreviationFinder:
    """Find abbreviation definitions in both orders."""
    return AbbreviationFinder()


@Language.factory("kg_gazetteer", default_config={"patterns_dir": None, "confidence": 0.8})
def make_gazetteer(nlp: Language, name: str, patterns_dir: str | None, confidence: float) -> GazetteerMatcher:
    """Match the shipped (or given) gazetteers of methods, datasets, tasks and metrics."""
    return GazetteerMatcher(nlp, name, patterns_dir, confidence)


@Language.factory("kg_links", default_config={"confidence": 0.99})
def make_link_finder(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find repository, model, data and project links."""
    return CandidateFinder(name, confidence, finders.link_candidates)


@Language.factory("kg_models", default_config={"confidence": 0.9})
def make_model_finder(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find model names and map them to their family."""
    return CandidateFinder(name, confidence, finders.model_candidates)


@Language.factory("kg_datasets", default_config={"confidence": 0.6})
def make_dataset_finder(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find unlisted datasets by context."""
    return CandidateFinder(name, confidence, finders.dataset_candidates)


@Language.factory("kg_enumerations", default_config={"confidence": 0.5})
def make_enumeration_finder(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find tasks and metrics listed after a typed cue."""
    return CandidateFinder(name, confidence, finders.enumeration_candidates)


@Language.factory("kg_phrases", default_config={"confidence": 0.5})
def make_phrase_finder(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find unlisted methods, tasks and measures by their head noun."""
    return CandidateFinder(name, confidence, finders.phrase_candidates)


@Language.factory("kg_coined", default_config={"confidence": 0.6})
def make_coined(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find names the paper coins for its own contribution."""
    return CandidateFinder(name, confidence, finders.coined_candidates)


@Language.factory("kg_acronyms", default_config={"confidence": 0.4})
def make_acronym_names(nlp: Language, name: str, confidence: float) -> CandidateFinder:
    """Find unlisted acronym-like names."""
    return CandidateFinder(name, confidence, finders.acronym_candidates)


@Language.factory("kg_learned", default_config={"confidence": 0.7})
def make_learned_spans(nlp: Language, name: str, confidence: float) -> LearnedSpans:
    """Hand the trained recogniser's entities to the resolver as candidates."""
    return LearnedSpans(name, confidence)


@Language.factory("kg_lexicon", default_config={"confidence": 0.5, "min_share": 0.2})
def make_lexicon_spans(nlp: Language, name: str, confidence: float, min_share: float) -> LexiconSpans:
    """Propose every occurrence of a name the annotations know (names trained into the folder).

    ``min_share``: a name is proposed when annotated as one type in at least this share of the
    annotated abstracts it occurs in (applied when the names are built from the annotations).
    """
    return LexiconSpans(name, confidence, min_share)


@Language.factory(
    "kg_filter",
    default_config={"thresholds": {"Method": 0.5, "Dataset": 0.5, "Model": 0.5, "Task": 0.5, "Metric": 0.5}},
)
def make_entity_filter(nlp: Language, name: str, thresholds: dict[str, float]) -> EntityFilter:
    """Keep or drop each entity with the trained entity filter (a threshold per type)."""
    return EntityFilter(name, thresholds)


@Language.factory("kg_roles", default_config={"threshold": 0.5})
def make_role_classifier(nlp: Language, name: str, threshold: float) -> RoleClassifier:
    """Decide proposed or used for every method and dataset with the trained role classifier."""
    known: frozenset[str] = frozenset()
    if "kg_gazetteer" in nlp.pipe_names:
        gazetteer = nlp.get_pipe("kg_gazetteer")
        assert isinstance(gazetteer, GazetteerMatcher)
        known = frozenset(
            normalise_key(form)
            for entry in gazetteer.entries
            if entry.label in (Label.METHOD, Label.DATASET)
            for form in (entry.pattern, entry.canonical)
        )
    return RoleClassifier(name, threshold, known)


@Language.factory(
    "kg_resolve",
    default_config={
        "trusted": [],
        "confirmed": [],
        "alternatives": False,
        "layers": [],
        "priority": list(DEFAULT_PRIORITY),
    },
)
def make_resolver(
    nlp: Language,
    name: str,
    trusted: list[str],
    confirmed: list[str],
    alternatives: bool,
    layers: list[str],
    priority: list[str],
) -> Resolver:
    """Turn candidates into the final mentions with roles, aliases and evidence.

    ``trusted``, ``confirmed``, ``alternatives``, ``layers`` and ``priority`` say how rule
    candidates, the trained recogniser's spans and the lexicon's names combine and which source
    wins a tie (see :class:`extractors.resolve.Precedence`).
    """
    precedence = Precedence(
        trusted=frozenset(trusted),
        confirmed=frozenset(confirmed),
        alternatives=alternatives,
        layers=frozenset(layers),
        priority=tuple(priority),
    )
    return Resolver(precedence)
