"""Names a paper defines itself ("Dynamic Sparse No Training (DSnoT)"), typed by their head noun."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.regex import LiteralCues
from extractors.types import Label
from extractors.wordlists import entries, load

DATASET_HEADS = load("dataset_heads")
METRIC_HEADS = load("metric_heads")
TASK_HEADS = load("task_heads")
# Long forms naming a class of models or a field, never one entity.
GENERIC_LONG = re.compile(
    r"^(?:(?:large-scale|small-scale|large|small|multimodal|multi-modal|vision|visual|pre-?trained|foundation|masked|neural|"
    r"generative|open|closed|proprietary|multilingual|conversational)[- ]?)*"
    r"(?:(?:vision[- ])?language|speech|diffusion|reasoning|reward|foundation|base|neural)?[- ]?"
    r"(?:models?|networks?|LMs?|LLMs?|MLLMs?|VLMs?|LVLMs?)$"
    r"|^(?:artificial intelligence|machine learning|deep learning|natural language processing"
    r"|computer vision|reinforcement learning|generative AI)$",
    re.IGNORECASE,
)
GENERIC_SHORT = load("generic_short_forms")


# Heads of names that are not methods, datasets, tasks or metrics: phenomena, institutions,
# language varieties ("Curse of Multilinguality", "National Bureau of ...", "American English").
NON_ENTITY_HEADS = load("non_entity_heads")
# Participles that end adjectives, not names ("Fine-Tuned (FT)", "long-tailed (LT)").
_PARTICIPLE = re.compile(r"[a-z]{2,}ed$")
_NOUNS_IN_ED = load("nouns_in_ed")
_PREPOSITION = re.compile(r"\s(?:of|for|in|on|with|via|from|to|under|over)\s", re.IGNORECASE)


# Words in -s that are singular nouns ("Loss", "Analysis", "Dynamics", "Bayes").
_SINGULAR_IN_S = re.compile(r"(?:ss|us|is|ics|ous|bayes|news|series|species|gas|lens|atlas|chaos)$")


def _is_plural(head: str) -> bool:
    """A head noun in the plural: the long form names a class ("Outcome Reward Models")."""
    return len(head) > 3 and head.endswith("s") and not _SINGULAR_IN_S.search(head)


def head_word(long_form: str) -> str:
    """The head of a name: its last word before any preposition ("Curse" of "Curse of X")."""
    words = re.findall(r"[A-Za-z0-9]+", _PREPOSITION.split(long_form, maxsplit=1)[0])
    return words[-1].lower() if words else ""


def coined_label(long_form: str) -> Label | None:
    """The entity type a defined long form names, by its head; ``None`` for generic phrases."""
    if GENERIC_LONG.match(long_form.strip()):
        return None
    head = head_word(long_form)
    if not head or head in NON_ENTITY_HEADS:
        return None
    if _PARTICIPLE.search(head) and head not in _NOUNS_IN_ED:
        return None
    if head in DATASET_HEADS or head == "survey":
        return Label.DATASET
    if head in METRIC_HEADS:
        return Label.METRIC
    if head in TASK_HEADS:
        return Label.TASK
    if head in {"model", "models"} and long_form.lower() == long_form:
        return None  # "a multimodal large language model": a class of models
    if _is_plural(head) or (" " not in long_form.strip() and long_form.islower()):
        # "graphics processing units", "Knowledge Graphs": a class of things, not one named
        # entity; "state-of-the-art", "autoregressive": an adjective or a field, not a name.
        return None
    return Label.METHOD


def is_generic_short(short_key: str) -> bool:
    """Abbreviations of generic classes (LLM, MLLM, NLP) that are never entities themselves."""
    return short_key.upper() in GENERIC_SHORT


_TITLE_NAME = re.compile(r"^\s*([A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z]+[A-Z][\w-]*|[A-Z][a-z]{3,})(?=\s*:)")
# Title openers that are not names ("Towards: …", "Rethinking: …").
_TITLE_WORDS = load("title_openers")
# "we propose", "this paper introduces": where an introduced name may follow.
_INTRODUCE_VERB = (
    r"\s+(?:propose|introduce|present|develop|design|release|call)s?\s+"
    r"(?:a |an |the )?(?:novel |new |simple )?"
)
# One pattern a literal opening: much faster to scan than one case-insensitive alternation.
_OPENINGS = entries("introduce_openings")
_INTRODUCES = LiteralCues(opening + _INTRODUCE_VERB for opening in _OPENINGS)
# An acronym-like name ("TreeSynth", "DSnoT"), or a capitalised multi-word name set off by a comma
# or a bracket ("we introduce Gumbel Distillation, a ...", "we present Integral Transformer (IT)").
_PROPOSED_NAMES = (
    re.compile(r"([A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*)\b"),
    re.compile(r"((?:[A-Z][\w'-]*\s){1,5}[A-Z][\w'-]*)(?=,\s|\s\(|:\s)"),
)
_DATA_WORDS = re.compile(
    r"\b(?:datasets?|benchmarks?|corpus|corpora|suite|leaderboard|collection|data set)\b", re.IGNORECASE
)


def find_coined_names(text: str, title_end: int) -> Iterator[tuple[int, int, Label]]:
    """ "MaskLLM: …" opening a title, "we propose TreeSynth, …" in the abstract; a name whose
    context speaks of data (dataset, benchmark, corpus) is a dataset everywhere in the paper."""
    hits: list[tuple[int, int, str]] = []
    title = _TITLE_NAME.match(text[:title_end])
    if title is not None and title.group(1) not in _TITLE_WORDS:
        hits.append((title.start(1), title.end(1), text[:title_end]))
    # An introduced multi-word name with a measure's or a task's head is one ("Drift Factor");
    # any other is a method, in the plural too ("Sliding Budget Windows": the paper names it).
    typed: dict[str, Label] = {}
    intros = [intro.end() for intro in _INTRODUCES.finditer(text)]
    for match in (m for shape in _PROPOSED_NAMES for at in intros if (m := shape.match(text, at))):
        if " " in match.group(1):
            typed[match.group(1)] = coined_label(match.group(1)) or Label.METHOD
        sentence_end = text.find(".", match.end())
        hits.append(
            (match.start(1), match.end(1), text[match.start(1) : sentence_end if sentence_end > 0 else None])
        )
    datasets = {text[start:end] for start, end, context in hits if _DATA_WORDS.search(context)}
    for start, end, _ in hits:
        name = text[start:end]
        label = typed.get(name, Label.METHOD)
        yield start, end, Label.DATASET if name in datasets and label is Label.METHOD else label
