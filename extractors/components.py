"""paper-kg's spaCy components: the tokenizer wrapper, sentences, abbreviations, candidate
finders, the gazetteer and the resolver.

Components append :class:`~extractors.candidates.Candidate` values to ``doc._.kg_candidates``;
the resolver leaves the final :class:`~kg.model.Mention` list in ``doc._.kg_mentions``.
Offsets are character offsets into the text as given (title + newline + abstract).
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
from spacy.util import registry

from extractors.abbreviations import find_abbreviations
from extractors.candidates import Candidate, candidates
from extractors.finders import Finder
from extractors.gazetteer import load_entries, pattern_files, plural
from extractors.resolve import Sentences, resolve
from extractors.sentences import sentence_bounds
from kg.ids import slug
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


class CandidateFinder:
    """Runs one finder (see :mod:`extractors.finders`) and stamps its name and confidence."""

    def __init__(self, name: str, confidence: float, find: Finder) -> None:
        self.name = name
        self.confidence = confidence
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        for cand in self.find(source_text(doc), title_end(doc)):
            cand.source, cand.confidence = self.name, self.confidence
            found.append(cand)
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
        pairs: dict[str, set[str]] = {}
        for entry in self.entries:
            forms.setdefault(entry.id, {entry.canonical.lower()}).add(entry.pattern.lower())
            if (
                entry.pattern != plural(entry.pattern[:-1])
                and entry.pattern.lower() != entry.canonical.lower()
            ):
                pairs.setdefault(entry.id, set()).add(entry.pattern)
        self.forms = {key: frozenset(values) for key, values in forms.items()}
        # The standard long/short pair of a known entity ("LoRA" / "low-rank adaptation").
        self.pairs = {key: frozenset(values) for key, values in pairs.items() if len(values) <= 4}
        # Patterns are tokenized by a tokenizer of their own: thousands of short strings in the
        # pipeline tokenizer's cache make it twice as slow on abstracts.
        pattern_tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        for index, entry in enumerate(self.entries):
            matcher = self.exact if entry.case_sensitive else self.lower
            matcher.add(str(index), [pattern_tokenizer(entry.pattern)])

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        strings = doc.vocab.strings
        text = source_text(doc)
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                entry = self.entries[int(strings[match_id])]
                span = doc[start:end]
                cand = Candidate(
                    entry.label,
                    span.start_char,
                    span.end_char,
                    entry.canonical,
                    entry.id,
                    self.name,
                    self.confidence,
                    known_forms=self.forms[entry.id],
                    aliases=set(self.pairs.get(entry.id, ())),
                    salient_only=_is_gerund(span.text),
                )
                if entry.label is Label.METRIC and not _extend_compound(text, cand):
                    continue
                found.append(cand)
        return doc


def _is_gerund(surface: str) -> bool:
    """One lower-case word in -ing ("boosting", "watermarking") is often just a verb in running text."""
    return surface.islower() and " " not in surface and surface.endswith("ing")


_COMPOUND_PREFIX = re.compile(r"(?<![\w-])[a-z][a-z0-9]*-$")


# Hyphenated words that turn a measure into an adjective: "high-accuracy", "accuracy-oriented".
_EVALUATIVE_PREFIXES = frozenset("high low higher lower better best full near same".split())
_ADJECTIVE_SUFFIX = re.compile(r"-[a-z]")


def _extend_compound(text: str, cand: Candidate) -> bool:
    """A measure written with a hyphenated prefix is its own measure: "log-perplexity".

    False where the hyphen makes the measure part of an adjective ("high-accuracy",
    "accuracy-oriented"): that is not a mention of the measure.
    """
    if _ADJECTIVE_SUFFIX.match(text, cand.end):
        return False
    prefix = _COMPOUND_PREFIX.search(text, max(0, cand.start - 12), cand.start)
    if prefix is not None:
        if prefix.group()[:-1] in _EVALUATIVE_PREFIXES:
            return False
        cand.start = prefix.start()
        cand.name = text[cand.start : cand.end].lower()
        cand.key, cand.known_forms = slug(cand.name), frozenset()
    return True


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
