"""Unlisted methods and tasks by their head noun: "temperature sampling", "policy distillation",
"controversy detection", "story generation".

Without a tagger, a phrase is a head word from a closed list plus one to three words to its
left, stopping at punctuation, function words and evaluative adjectives ("novel", "efficient").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.coined import TASK_HEADS
from extractors.regex import alternation
from extractors.types import Label
from extractors.wordlists import entries, load

# Heads that almost always end a method name ("temperature sampling", "dice loss").
STRONG_METHOD_HEADS = load("strong_method_heads")
# Heads that also end everyday phrases ("lengthy training", "little attention").
WEAK_METHOD_HEADS = load("weak_method_heads")
# The heads from "reasoning" on end task annotations far more often than other phrases in
# SciERC, TDMSci, CS-NER and GSAP-NER (head-word counts only; nothing of those corpora is shipped).
PHRASE_TASK_HEADS = TASK_HEADS | load("phrase_task_heads")
# Heads of named measures ("watermarking success rate", "bias score", "log-perplexity").
METRIC_HEADS = load("phrase_metric_heads")
STOP = load("phrase_stop_words")
# Verbs common in abstracts, which end a phrase to their right ("reduces sampling").
_VERB_STEMS = entries("verb_stems")


def _inflections(stem: str) -> set[str]:
    base = stem[:-1] if stem.endswith("e") else stem
    third = stem + "es" if stem.endswith(("s", "sh", "ch", "x")) else stem + "s"
    if stem.endswith("y") and stem[-2] not in "aeiou":
        third = stem[:-1] + "ies"
        return {stem, third, stem[:-1] + "ied"}
    return {stem, third, base + "ed"}


VERBS = frozenset(form for stem in _VERB_STEMS for form in _inflections(stem))
_WORD = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
MAX_MODIFIERS = 3


@dataclass(frozen=True, slots=True)
class Phrase:
    """A head-noun phrase and the type its head suggests."""

    label: Label
    start: int
    end: int
    text: str
    strong: bool

    @property
    def needs_salience(self) -> bool:
        """Weak heads and tasks count only where the paper dwells on them (see the resolver)."""
        return not self.strong


# Nouns that name the type of the phrase before them: "news labeling task", "BLEU metric".
TYPE_NOUNS = {"task": Label.TASK, "tasks": Label.TASK}


def _names_a_task(words: list[str]) -> bool:
    """Two or more words ending in a task head or a gerund that is not a training method."""
    last = words[-1].lower()
    if len(words) < 2 or last in STRONG_METHOD_HEADS or last in WEAK_METHOD_HEADS:
        return False
    return last in PHRASE_TASK_HEADS or last.endswith("ing")


def _label(head: str) -> tuple[Label, bool] | None:
    if head in PHRASE_TASK_HEADS:
        return Label.TASK, False
    if head in METRIC_HEADS:
        return Label.METRIC, False
    if head in STRONG_METHOD_HEADS:
        return Label.METHOD, True
    if head in WEAK_METHOD_HEADS:
        return Label.METHOD, False
    return None


_HEADS = re.compile(
    r"(?<![\w-])(?:"
    + alternation(
        PHRASE_TASK_HEADS | METRIC_HEADS | STRONG_METHOD_HEADS | WEAK_METHOD_HEADS | frozenset(TYPE_NOUNS)
    )
    + r")(?![\w-])"
)
_MODIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_OPENERS = "([\"'“"


# Lower-case words in -s that are nouns, not verbs: a phrase may start with them ("news
# summarization", "physics-informed"); any other lower-case word in -s before a head is a
# third-person verb ("rebalances decoding", "adjusts sampling") or a plural subject
# ("strategies beyond decoding"), and English compounds take singular modifiers.
_S_NOUNS = re.compile(
    r"(?:ss|us|is|ics|ous|news|series|species|gas|bias|lens|sales|sports|earnings|savings|goods|diabetes)$"
)


def _verb_like(lower: str) -> bool:
    """A lower-case word in -s that is not a noun ending: a verb or plural, never a modifier."""
    return lower.endswith("s") and "-" not in lower and not _S_NOUNS.search(lower)


def _modifiers_start(text: str, head_start: int, label: Label, *, gerunds: bool = False) -> int:
    """Walk left from a head over at most three modifiers; where the phrase starts.

    Task names never start with a "-based"/"-free" qualifier ("TDA-based controversy
    detection" is the task "controversy detection"); method names often do.
    """
    not_modifier: tuple[str, ...] = _NOT_TASK_MODIFIER if label is Label.TASK else _NOT_MODIFIER
    if gerunds:
        not_modifier = tuple(suffix for suffix in not_modifier if suffix != "ing")
    start = head_start
    # A capitalised method name ("Gradient-guided Sparse Expert Vector Merging", "Adaptively
    # Weighted Sampling") may run longer and hold an adverb, as long as its words stay capitalised
    # (task names stay short: a title's "Multi-Type X Recognition" is the task "X recognition").
    named = label is Label.METHOD and text[head_start].isupper()
    for count in range(MAX_MODIFIERS + 2 if named else MAX_MODIFIERS):
        if start < 2 or text[start - 1] != " ":
            break
        chunk_start = text.rfind(" ", 0, start - 1) + 1
        chunk = text[chunk_start : start - 1]
        opener = chunk[:1] in _OPENERS if chunk else False
        word = chunk[1:] if opener else chunk
        lower = word.lower()
        capitalised = named and word[:1].isupper()
        if count >= MAX_MODIFIERS and not capitalised:
            break
        if (
            not _MODIFIER.fullmatch(word)
            or lower in STOP
            or lower in VERBS
            or (lower.endswith(not_modifier) and not (capitalised and count and lower.endswith("ly")))
            or (word == lower and _verb_like(lower))
        ):
            break
        start = start - 1 - len(word)
        if opener:
            break
    return start


_NOT_MODIFIER = ("ly", "ing", "'s")
# Nouns after a method-like phrase that make it their modifier: "equitable training datasets",
# "a spatial partitioning tree", "a data sampling function".
_MODIFIES = re.compile(r" (?:data|datasets?|sets?|corpus|corpora|tree|trees|function|functions)\b")
# Nouns that complete a method name after its head: "constitution-aware decoding layer".
_METHOD_TAILS = load("method_tails")
# Lower-case after a lower-case head; a capitalised name takes a capitalised tail ("Decoding Layer").
_TAIL = re.compile(r" ([a-z]+|[A-Z][a-z]+)\b")
_NOT_TASK_MODIFIER = (*_NOT_MODIFIER, "-based", "-free", "-driven", "-like", "-scale")


def _tail_fits(text: str, head_start: int, tail: str) -> bool:
    """A method-completing noun ("layer", "loss") whose case agrees with the head's."""
    return tail.lower() in _METHOD_TAILS and tail[0].isupper() == text[head_start].isupper()


def find_phrases(text: str) -> Iterator[Phrase]:
    """Head-noun phrases with at least one modifier, left to right."""
    for head in _HEADS.finditer(text.lower()):
        typed_noun = TYPE_NOUNS.get(head.group())
        if typed_noun is not None:
            start = _modifiers_start(text, head.start(), typed_noun, gerunds=True)
            end = head.start() - 1
            if start < end and _names_a_task(text[start:end].replace("-", " ").split()):
                yield Phrase(typed_noun, start, end, text[start:end], True)
            continue
        typed = _label(head.group())
        if typed is None:
            continue
        start = _modifiers_start(text, head.start(), typed[0])
        end = head.end()
        if (
            typed[0] is Label.METHOD
            and (tail := _TAIL.match(text, end))
            and _tail_fits(text, head.start(), tail.group(1))
        ):
            end = tail.end()
        if start < head.start() and not (typed[0] is Label.METHOD and _MODIFIES.match(text, end)):
            yield Phrase(typed[0], start, end, text[start:end], typed[1])
