"""spaCy factories of paper-kg's components (registered on import, and as entry points).

The pipeline: ``sentencizer`` → ``kg_title_sentence`` → ``kg_abbreviations`` → candidate
finders (``kg_links``, ``kg_models``, ``kg_gazetteer``, ``kg_coined``) → ``kg_resolve``, which
leaves the final :class:`~kg.model.Mention` list in ``doc._.kg_mentions``. Offsets are
character offsets into the doc's text (title + newline + abstract).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.abbreviations import find_abbreviations
from extractors.acronyms import find_acronym_names
from extractors.candidates import Candidate, candidates
from extractors.datasets import find_dataset_names
from extractors.enumerations import find_enumerations
from extractors.gazetteer import load_entries, pattern_files
from extractors.links import find_links
from extractors.phrases import find_phrases
from extractors.resolve import Sentences, resolve
from extractors.sentences import sentence_bounds
from kg.ids import normalise_url, slug
from kg.model import Label

for _name in ("kg_mentions", "kg_abbreviations", "kg_title_end", "kg_text", "kg_sentences"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class TitleAwareTokenizer:
    """Tokenize ``title + "\\n" + abstract`` with the newlines as spaces, remembering the title end.

    A newline inside a text stops spaCy's tokenizer from using its cache (ten times slower on
    abstracts); a space of the same length keeps every character offset where it was.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        newline = text.find("\n")
        doc = self.tokenizer(text.replace("\n", " ") if newline >= 0 else text)
        doc._.kg_title_end = newline if newline >= 0 else len(text)
        doc._.kg_text = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def source_text(doc: Doc) -> str:
    """The text as given, newlines included (``doc.text`` has spaces there, same offsets)."""
    text: str | None = doc._.kg_text
    return doc.text if text is None else text


def title_end(doc: Doc) -> int:
    """Where the title ends (see :class:`TitleAwareTokenizer`), or the end of the text."""
    end: int | None = doc._.kg_title_end
    if end is None:
        newline = doc.text.find("\n")
        end = len(doc.text) if newline < 0 else newline
    return end


# spaCy keeps SENT_START as uint64: 1 starts a sentence, -1 (wrapped) does not.
_NOT_START = numpy.iinfo(numpy.uint64).max


class SentenceSplitter:
    """Sentence boundaries by rule (see :mod:`extractors.sentences`), vectorised onto the tokens.

    Sets ``Token.is_sent_start`` (so ``doc.sents`` works) and keeps the character ranges in
    ``doc._.kg_sentences`` for the resolver.
    """

    def __call__(self, doc: Doc) -> Doc:
        bounds = sentence_bounds(source_text(doc), title_end(doc))
        doc._.kg_sentences = bounds
        if len(doc):
            token_starts = doc.to_array(IDX).astype(numpy.int64)
            flags = numpy.full((len(doc), 1), _NOT_START, dtype=numpy.uint64)
            first_tokens = numpy.searchsorted(token_starts, [start for start, _ in bounds])
            flags[first_tokens[first_tokens < len(doc)], 0] = 1
            flags[0, 0] = 1
            doc.from_array([SENT_START], flags)  # type: ignore[arg-type]
        return doc


class AbbreviationFinder:
    """Short/long form pairs ("Dynamic Sparse No Training (DSnoT)") into ``doc._.kg_abbreviations``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_abbreviations = find_abbreviations(source_text(doc))
        return doc


class LinkFinder:
    """Code, model, data and project URLs, cleaned and typed."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for link in find_links(source_text(doc)):
            attrs = {"url": link.url, "kind": link.kind.value}
            key = normalise_url(link.url)
            found.append(
                Candidate(
                    Label.REPO, link.start, link.end, link.url, key, self.name, self.confidence, attrs=attrs
                )
            )
        return doc


class ModelFinder:
    """Model names (versioned and sized, by pattern) with their family."""

    def __init__(self, name: str, confidence: float) -> None:
        from extractors.models import find_models

        self.find = find_models
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for match in self.find(source_text(doc)):
            attrs = {"family": match.family, "family_id": match.family_id}
            found.append(
                Candidate(
                    Label.MODEL,
                    match.start,
                    match.end,
                    match.name,
                    slug(match.name),
                    self.name,
                    self.confidence,
                    attrs=attrs,
                )
            )
        return doc


class GazetteerMatcher:
    """Known methods, datasets, tasks and metrics from the JSONL pattern files."""

    def __init__(self, nlp: Language, name: str, patterns_dir: str | None, confidence: float) -> None:
        self.name = name
        self.confidence = confidence
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries = list(load_entries(pattern_files(Path(patterns_dir) if patterns_dir else None)))
        forms: dict[str, set[str]] = {}
        for entry in self.entries:
            forms.setdefault(entry.id, {entry.canonical.lower()}).add(entry.pattern.lower())
        self.forms = {key: frozenset(values) for key, values in forms.items()}
        for index, entry in enumerate(self.entries):
            matcher = self.exact if entry.case_sensitive else self.lower
            matcher.add(str(index), [nlp.make_doc(entry.pattern)])

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        strings = doc.vocab.strings
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                entry = self.entries[int(strings[match_id])]
                span = doc[start:end]
                found.append(
                    Candidate(
                        entry.label,
                        span.start_char,
                        span.end_char,
                        entry.canonical,
                        entry.id,
                        self.name,
                        self.confidence,
                        known_forms=self.forms[entry.id],
                    )
                )
        return doc


_TITLE_NAME = re.compile(r"^\s*([A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z]+[A-Z][\w-]*|[A-Z][a-z]{3,})(?=\s*:)")
# Title openers that are not names ("Towards: …", "Rethinking: …").
_TITLE_WORDS = frozenset(
    """Towards Toward Survey Review Position Beyond Rethinking Revisiting Understanding Evaluating
    Benchmarking Introduction Overview Tutorial Perspective Perspectives Report Editorial
    Commentary Alignment Safety Fairness Bias Language Learning Attention""".split()
)
_PROPOSED_NAME = re.compile(
    r"\b(?i:we|this (?:paper|work))\s+(?:propose|introduce|present|develop|design|release|call)s?\s+"
    r"(?:a |an |the )?(?:novel |new |simple )?([A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*)\b"
)
_DATA_WORDS = re.compile(
    r"\b(?:datasets?|benchmarks?|corpus|corpora|suite|leaderboard|collection|data set)\b", re.IGNORECASE
)


class PhraseFinder:
    """Unlisted methods and tasks by their head noun (see :mod:`extractors.phrases`)."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for phrase in find_phrases(source_text(doc)):
            name = phrase.text if phrase.label is Label.METHOD else phrase.text.lower()
            if phrase.label is Label.METRIC and name.endswith("s"):
                name = name[:-1]  # "bias scores" measure the "bias score"
            found.append(
                Candidate(
                    phrase.label,
                    phrase.start,
                    phrase.end,
                    name,
                    slug(name),
                    self.name,
                    self.confidence,
                    salient_only=phrase.needs_salience,
                )
            )
        return doc


class DatasetFinder:
    """Unlisted datasets by their head noun or an evaluation cue (see :mod:`extractors.datasets`)."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for hit in find_dataset_names(source_text(doc)):
            aliases = {hit.with_head} if hit.with_head else set()
            found.append(
                Candidate(
                    Label.DATASET,
                    hit.start,
                    hit.end,
                    hit.name,
                    slug(hit.name),
                    self.name,
                    self.confidence,
                    aliases=aliases,
                )
            )
        return doc


class EnumerationFinder:
    """Tasks and metrics listed after a typed cue (see :mod:`extractors.enumerations`)."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for item in find_enumerations(source_text(doc)):
            name = item.text if item.text.isupper() else item.text.lower()
            found.append(Candidate(item.label, item.start, item.end, name, slug(name), self.name, self.confidence))
        return doc


class AcronymNames:
    """Unlisted acronym-like names as method candidates (see :mod:`extractors.acronyms`)."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        text = source_text(doc)
        for start, end, is_dataset in find_acronym_names(text):
            surface = text[start:end]
            label = Label.DATASET if is_dataset else Label.METHOD
            found.append(
                Candidate(label, start, end, surface, slug(surface), self.name, self.confidence, salient_only=True)
            )
        return doc


class CoinedNames:
    """Names a paper coins: "MaskLLM: …" in the title, "we propose TreeSynth, …" in the abstract."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        text = source_text(doc)
        end_of_title = title_end(doc)
        hits = []
        title = _TITLE_NAME.match(text[:end_of_title])
        if title is not None and title.group(1) not in _TITLE_WORDS:
            hits.append((title.start(1), title.end(1), text[:end_of_title]))
        for match in _PROPOSED_NAME.finditer(text):
            sentence_end = text.find(".", match.end())
            hits.append(
                (
                    match.start(1),
                    match.end(1),
                    text[match.end(1) : sentence_end if sentence_end > 0 else None],
                )
            )
        datasets = {text[start:end] for start, end, context in hits if _DATA_WORDS.search(context)}
        for start, end, _ in hits:
            surface = text[start:end]
            label = Label.DATASET if surface in datasets else Label.METHOD
            found.append(Candidate(label, start, end, surface, slug(surface), self.name, self.confidence))
        return doc


class Resolver:
    """Settle the candidates into mentions (see :mod:`extractors.resolve`)."""

    def __call__(self, doc: Doc) -> Doc:
        bounds = doc._.kg_sentences
        if bounds is None:
            bounds = sentence_bounds(source_text(doc), title_end(doc))
        sentences = Sentences(source_text(doc), bounds)
        doc._.kg_mentions = resolve(
            source_text(doc), candidates(doc), doc._.kg_abbreviations or [], sentences, title_end(doc)
        )
        return doc


@Language.factory("kg_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Split titles and abstracts into sentences (the title is one)."""
    return SentenceSplitter()


@Language.factory("kg_abbreviations")
def make_abbreviation_finder(nlp: Language, name: str) -> AbbreviationFinder:
    """Find abbreviation definitions in both orders."""
    return AbbreviationFinder()


@Language.factory("kg_links", default_config={"confidence": 0.99})
def make_link_finder(nlp: Language, name: str, confidence: float) -> LinkFinder:
    """Find repository, model, data and project links."""
    return LinkFinder(name, confidence)


@Language.factory("kg_models", default_config={"confidence": 0.9})
def make_model_finder(nlp: Language, name: str, confidence: float) -> ModelFinder:
    """Find model names and map them to their family."""
    return ModelFinder(name, confidence)


@Language.factory("kg_gazetteer", default_config={"patterns_dir": None, "confidence": 0.8})
def make_gazetteer(nlp: Language, name: str, patterns_dir: str | None, confidence: float) -> GazetteerMatcher:
    """Match the shipped (or given) gazetteers of methods, datasets, tasks and metrics."""
    return GazetteerMatcher(nlp, name, patterns_dir, confidence)


@Language.factory("kg_phrases", default_config={"confidence": 0.5})
def make_phrase_finder(nlp: Language, name: str, confidence: float) -> PhraseFinder:
    """Find unlisted methods and tasks by their head noun."""
    return PhraseFinder(name, confidence)


@Language.factory("kg_datasets", default_config={"confidence": 0.6})
def make_dataset_finder(nlp: Language, name: str, confidence: float) -> DatasetFinder:
    """Find unlisted datasets by context."""
    return DatasetFinder(name, confidence)


@Language.factory("kg_enumerations", default_config={"confidence": 0.5})
def make_enumeration_finder(nlp: Language, name: str, confidence: float) -> EnumerationFinder:
    """Find tasks and metrics listed after a typed cue."""
    return EnumerationFinder(name, confidence)


@Language.factory("kg_acronyms", default_config={"confidence": 0.4})
def make_acronym_names(nlp: Language, name: str, confidence: float) -> AcronymNames:
    """Find unlisted acronym-like names."""
    return AcronymNames(name, confidence)


@Language.factory("kg_coined", default_config={"confidence": 0.6})
def make_coined(nlp: Language, name: str, confidence: float) -> CoinedNames:
    """Find names the paper coins for its own contribution."""
    return CoinedNames(name, confidence)


@Language.factory("kg_resolve")
def make_resolver(nlp: Language, name: str) -> Resolver:
    """Turn candidates into the final mentions with roles, aliases and evidence."""
    return Resolver()
