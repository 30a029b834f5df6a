"""paper-kg's spaCy components: the tokenizer wrapper, sentences, abbreviations, candidate
finders, the gazetteer and the resolver.

Components append :class:`~extractors.candidates.Candidate` values to the doc's state (see
:mod:`extractors.state`); the resolver leaves the final :class:`~extractors.types.Mention` list there,
readable as ``doc._.kg_mentions``.
Offsets are character offsets into the text as given (title + newline + abstract).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import registry

from extractors.abbreviations import find_abbreviations
from extractors.candidates import Candidate
from extractors.finders import Finder
from extractors.gazetteer import load_entries, pattern_files, plural
from extractors.names import slug
from extractors.resolve import Precedence, Sentences, resolve
from extractors.sentences import sentence_bounds
from extractors.state import doc_state, new_state
from extractors.types import Label
from extractors.wordlists import load


class TitleAwareTokenizer:
    """Tokenize ``title + "\\n" + abstract`` with the newlines as spaces, remembering the title end.

    A newline inside a text stops spaCy's tokenizer from using its cache (ten times slower on
    abstracts); a space of the same length keeps every character offset where it was.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text.replace("\n", " ") if "\n" in text else text)
        new_state(doc, text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # Serialised as the tokenizer it wraps, so that ``nlp.to_disk`` / ``spacy.load`` round-trip.
    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.tokenizer.to_disk(path, **kwargs)  # type: ignore[attr-defined]

    def from_disk(self, path: str | Path, **kwargs: Any) -> TitleAwareTokenizer:
        self.tokenizer.from_disk(path, **kwargs)  # type: ignore[attr-defined]
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)  # type: ignore[attr-defined, no-any-return]

    def from_bytes(self, data: bytes, **kwargs: Any) -> TitleAwareTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)  # type: ignore[attr-defined]
        return self


@registry.tokenizers("kg.TitleAwareTokenizer.v1")  # type: ignore[untyped-decorator]
def create_title_aware_tokenizer() -> Callable[[Language], TitleAwareTokenizer]:
    """spaCy's English tokenizer behind :class:`TitleAwareTokenizer` (named in the pipeline config)."""

    def create(nlp: Language) -> TitleAwareTokenizer:
        base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return TitleAwareTokenizer(base)

    return create


# spaCy keeps SENT_START as uint64: 1 starts a sentence, -1 (wrapped) does not.
_NOT_START = numpy.iinfo(numpy.uint64).max


class BatchComponent:
    """A component that runs over a whole batch before handing it on.

    spaCy chains components lazily, so without ``pipe`` every doc would pass through all of
    them before the next doc starts; running one component over a batch keeps its regexes and
    tables hot, which measured about a fifth faster.
    """

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(self(doc))
            if len(batch) >= batch_size:
                yield from batch
                batch = []
        yield from batch


class SentenceSplitter(BatchComponent):
    """Sentence boundaries by rule (see :mod:`extractors.sentences`), vectorised onto the tokens.

    Sets ``Token.is_sent_start`` (so ``doc.sents`` works) and keeps the character ranges in
    the doc's state (``doc._.kg_sentences``) for the resolver.
    """

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        bounds = state.sentences = sentence_bounds(state.text, state.title_end)
        if len(doc):
            token_starts = doc.to_array(IDX).astype(numpy.int64)
            flags = numpy.full((len(doc), 1), _NOT_START, dtype=numpy.uint64)
            first_tokens = numpy.searchsorted(token_starts, [start for start, _ in bounds])
            flags[first_tokens[first_tokens < len(doc)], 0] = 1
            flags[0, 0] = 1
            doc.from_array([SENT_START], flags)  # type: ignore[arg-type]
        return doc


class AbbreviationFinder(BatchComponent):
    """Short/long form pairs ("Dynamic Sparse No Training (DSnoT)") into ``doc._.kg_abbreviations``."""

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        state.abbreviations = find_abbreviations(state.text)
        return doc


class CandidateFinder(BatchComponent):
    """Runs one finder (see :mod:`extractors.finders`) and stamps its name and confidence."""

    def __init__(self, name: str, confidence: float, find: Finder) -> None:
        self.name = name
        self.confidence = confidence
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        found = state.candidates
        name, confidence = self.name, self.confidence
        for cand in self.find(state.text, state.title_end):
            cand.source, cand.confidence = name, confidence
            found.append(cand)
        return doc


class GazetteerMatcher(BatchComponent):
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
        state = doc_state(doc)
        found = state.candidates
        strings = doc.vocab.strings
        text = state.text
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
                if entry.label is Label.METRIC:
                    if not _extend_compound(text, cand):
                        continue
                elif (cand.start and text[cand.start - 1] == "-") or text.startswith("-", cand.end):
                    _extend_hyphenated_name(text, cand)
                found.append(cand)
        return doc


# A hyphenated name part: a capitalised word, an acronym or a word with digits ("KG", "Eval", "N", "3D").
_NAME_PART = re.compile(r"(?:[A-Z][A-Za-z0-9]*|[a-z]*[0-9][A-Za-z0-9]*)")
_WORD_PART = re.compile(r"[A-Za-z0-9]+")
# The word part right before a hyphen (not the tail of a longer word or of a possessive).
_PART_BEFORE = re.compile(r"(?<![A-Za-z0-9'\u2019])[A-Za-z0-9]+$")
# Capitalised parts that make an adjective, not a name: "RAG-Based", "MCTS-Guided".
_ADJECTIVE_PART = re.compile(r"(?:[A-Z][a-z]+ed|Based|Style|Like|Aware|Free|Specific|Level|Wise)")
# Lower-case prefixes that qualify a task ("multi-image understanding", "next-word prediction").
_TASK_PREFIX = re.compile(r"[a-z]{3,}")
_NOT_TASK_PREFIX = load("not_task_prefixes")


def _extend_hyphenated_name(text: str, cand: Candidate) -> None:
    """A known name hyphen-joined to a name part is part of a longer name: "KG-RAG", "HC-RLHF",
    "Alpaca-Eval", "N-MNIST", "Tiny-ImageNet" name variants of their own, not RAG, Alpaca or MNIST;
    a task joined to a lower-case word is a narrower task ("multi-image understanding").
    Adjectives built on a name ("Transformer-based", "CoT-style", "RAG-Guided") stay the name."""
    start, end = cand.start, cand.end
    while start > 1 and text[start - 1] == "-":
        part = _PART_BEFORE.search(text, max(0, start - 21), start - 1)
        if part is None:
            break
        word = part.group()
        name_like = _NAME_PART.fullmatch(word) and not _ADJECTIVE_PART.fullmatch(word)
        task_like = cand.label is Label.TASK and _TASK_PREFIX.fullmatch(word) and word not in _NOT_TASK_PREFIX
        if not (name_like or task_like):
            break
        start = part.start()
    while text.startswith("-", end):
        part = _WORD_PART.match(text, end + 1)
        if part is None or not _NAME_PART.fullmatch(part.group()) or _ADJECTIVE_PART.fullmatch(part.group()):
            break
        end = part.end()
    if (start, end) == (cand.start, cand.end) or (end < len(text) and text[end].isalnum()):
        return
    cand.start, cand.end = start, end
    cand.name = text[start:end] if cand.label is not Label.TASK else text[start:end].lower()
    cand.key, cand.known_forms, cand.aliases = slug(cand.name), frozenset(), set()


def _is_gerund(surface: str) -> bool:
    """One word in -ing ("boosting", "watermarking"; "Patching" opening a sentence or in a title) is
    often just a verb in running text."""
    return surface[1:].islower() and " " not in surface and surface.endswith("ing")


_COMPOUND_PREFIX = re.compile(r"(?<![\w-])[a-z][a-z0-9]*-$")


# Hyphenated words that turn a measure into an adjective: "high-accuracy", "accuracy-oriented".
_EVALUATIVE_PREFIXES = load("evaluative_prefixes")
_ADJECTIVE_SUFFIX = re.compile(r"-[a-z]")
# "the robustness-accuracy trade-off", "accuracy-performance trade-offs": a balance, not a measure.
_TRADE_OFF = re.compile(r"(?:-[\w]+)?[\s-]+trade-?offs?\b", re.IGNORECASE)


def _extend_compound(text: str, cand: Candidate) -> bool:
    """A measure written with a hyphenated prefix is its own measure: "log-perplexity".

    False where the hyphen makes the measure part of an adjective ("high-accuracy",
    "accuracy-oriented") or a balance of measures ("the robustness-accuracy trade-off"): that is
    not a mention of an evaluation measure.
    """
    if _TRADE_OFF.match(text, cand.end):
        return False
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


class Resolver(BatchComponent):
    """Settle the candidates into mentions (see :mod:`extractors.resolve`)."""

    def __init__(self, precedence: Precedence) -> None:
        self.precedence = precedence

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        bounds = state.sentences
        if bounds is None:
            bounds = sentence_bounds(state.text, state.title_end)
        sentences = Sentences(state.text, bounds)
        state.mentions = resolve(
            state.text, state.candidates, state.abbreviations, sentences, state.title_end, self.precedence
        )
        return doc
