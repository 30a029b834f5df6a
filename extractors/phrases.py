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

# Heads that almost always end a method name ("temperature sampling", "dice loss").
STRONG_METHOD_HEADS = frozenset(
    """sampling distillation merging regression decoding loss penalty regularization regularisation
    pruning quantization prompting adjustment calibration filtering reweighting upsampling
    downsampling augmentation ensembling partitioning""".split()
)
# Heads that also end everyday phrases ("lengthy training", "little attention").
WEAK_METHOD_HEADS = frozenset(
    """tuning fine-tuning finetuning learning optimization optimisation training pretraining
    pre-training tokenization encoding embedding embeddings adaptation normalization
    initialization clustering descent attention search algorithm mixing editing unlearning""".split()
)
# The heads from "reasoning" on end task annotations far more often than other phrases in
# SciERC, TDMSci, CS-NER and GSAP-NER (head-word counts only; nothing of those corpora is shipped).
PHRASE_TASK_HEADS = TASK_HEADS | frozenset(
    """selection synthesis mitigation modeling modelling generalization generalisation evaluation
    assessment measurement discovery probing mining scoring watermarking reasoning disambiguation
    resolution identification comprehension categorization correction induction transliteration
    paraphrasing recommendation tracking localization grounding transcription attribution
    moderation""".split()
)
# Heads of named measures ("watermarking success rate", "bias score", "log-perplexity").
METRIC_HEADS = frozenset("rate rates score scores error errors ratio ratios".split())
STOP = frozenset(
    """a an the this that these those its their our your my his her we they it which who whom whose
    of in on at to for from by with without into onto over under between among across through
    via and or but nor not no as than then also only very well more most less least much many
    few is are was were be been being has have had do does did can could may might will would
    should must each every both all any some such same other another several various different
    multiple novel new existing proposed current previous prior standard conventional
    traditional typical simple effective efficient better improved general large small
    significant extensive further additional recent popular common robust strong key main
    overall final initial original specific particular unified comprehensive systematic
    principled first second two three one using based enables enable improve improves propose
    proposes introduce introduces present presents study studies show shows use uses used
    achieve achieves perform performs during after before while when where how what why whether
    however thus therefore hence furthermore moreover although though since because if so like
    e.g i.e etc via per vs versus toward towards within upon approach approaches method methods
    named called termed dubbed coined alongside against despite lengthy easy hard correct incorrect
    minimal maximal lowest highest prominent costly expensive cheap heavy naive plain basic classic
    classical modern emerging samples sample
    technique techniques framework frameworks model models large-scale small-scale high-quality
    low-quality better deeper sub-optimal suboptimal optimal accurate reliable scalable fast
    faster good poor high low higher lower weak critical important crucial essential
    generalizable powerful promising challenging difficult downstream real-world practical
    empirical theoretical careful naive vanilla up down out fine-grained end-to-end successful
    efficient effective improved enhanced advanced diverse complex learning average
    beyond yet often go goes face faces discover four five six seven eight nine ten even still
    rather instead just already always never whereas""".split()
)
# Verbs common in abstracts, which end a phrase to their right ("reduces sampling").
_VERB_STEMS = """achieve adapt address adopt align allow analyze analyse apply assess associate boost build
    capture combine compare conduct consider construct contain decrease demonstrate derive
    describe design detect develop discuss diversify eliminate employ enable encourage enhance
    ensure establish evaluate examine explore exploit extend facilitate focus gain gather
    generate handle help highlight identify illustrate implement improve include incorporate
    increase influence integrate introduce investigate involve leverage limit maintain make
    measure mitigate obtain offer optimize control outperform perform present prevent produce
    propose provide push reduce reinterpret release remain rely report represent require reveal
    scale select separate show simplify suggest support surpass tackle train transform undergo
    utilize yield""".split()


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
_METHOD_TAILS = frozenset("layer layers module mechanism loss algorithm scheme procedure objective".split())
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
