"""Tasks written as a verb or an "N of X" phrase, named the way the field names them:
"Detecting Machine-Generated Texts" is machine-generated text detection, "the automatic
assessment of hyperpartisanship" is hyperpartisanship assessment, "the task of fact checking"
is fact checking.

Three general patterns of English nominalisation, no lexicon of tasks:

* a task verb's gerund opening a title, its subtitle or a "for"/"towards" phrase, with its
  object ("Mitigating Hallucinations in ..." -> "hallucination mitigation");
* a task noun with an "of" complement ("detection of hate speech" -> "hate speech detection");
* "the task of X" where X is itself task-shaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.phrases import PHRASE_TASK_HEADS, STOP, VERBS
from extractors.regex import alternation, lowered
from extractors.wordlists import entries, load, table

# Gerunds of task verbs and the noun that names the task they perform.
GERUND_TASKS = table("gerund_tasks")
# Task nouns that take their object with "of": "detection of X" is "X detection".
OF_TASKS = load("of_task_nouns")
MAX_OBJECT_WORDS = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_SPACE = re.compile(r" +")
_DETERMINERS = load("articles")
# Words that end in -s but are not plurals.
_NOT_PLURAL = re.compile(r"(?:ss|us|is|as|ics|news|series|species)$", re.IGNORECASE)
# Lower-case words that end an object but are nouns it needed ("evaluation of federated learning",
# "Evaluation of Deep Generative Models"): the object found is only its modifiers.
_NOUN_STOPS = load("object_noun_stops")
_NOT_OBJECT = load("not_objects")
# Objects too vague to make a task ("Identifying Challenges in ...", "assessment of the impact").
_VAGUE_OBJECTS = load("vague_objects")
# What may follow a complete object: the end, a space, or closing punctuation.
_OBJECT_END = frozenset(" ,.;:!?)]\n")
_QUOTES = frozenset("\"'\u201c\u2018(`")
# Where a title's gerund may stand: the start, after a colon, "for", "towards"/"toward", "on".
_TITLE_GERUND = re.compile(
    r"(?:^|:\s+|\b(?:[Ff]or|[Tt]owards?|On)\s+)(" + alternation(g.capitalize() for g in GERUND_TASKS) + r")\s"
)
# The word before an " of ", read backwards from it (each " of " found with str.find: a regex
# alternation scanned over every abstract costs three times as much).
_WORD_BEFORE = re.compile(r"[a-z]+$")
_TASK_OF = "the task of "


@dataclass(frozen=True, slots=True)
class NominalTask:
    """A task phrase, where it is written, and its name in the field's word order."""

    start: int
    end: int
    name: str
    in_title: bool


def singular(word: str) -> str:
    """The singular of a plural head ("Texts" -> "Texts"[:-1], "LLMs" -> "LLM", "anomalies" -> "anomaly")."""
    if len(word) < 4 or not word.endswith("s") or _NOT_PLURAL.search(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("eses"):
        return word[:-2] + "is"  # hypotheses, theses
    if word.endswith(("sses", "shes", "ches", "xes", "ases")) and not word.endswith("cases"):
        return word[:-2]
    return word[:-1]


def _name_case(word: str) -> str:
    """Lower-case a word written in title case ("Machine-Generated"), keep acronyms ("LLM", "AI-")."""
    return "-".join(part if sum(c.isupper() for c in part) > 1 else part.lower() for part in word.split("-"))


def object_words(text: str, start: int, stop: int) -> tuple[list[str], int] | None:
    """One to three content words from ``start`` (a leading article skipped), ending at punctuation
    or a function word; ``None`` when there are none or more than three."""
    words: list[str] = []
    position = start
    end = start
    while position < stop:
        match = _WORD.match(text, position)
        if match is None:
            break
        word = match.group()
        lower = word.lower()
        if lower in _NOT_OBJECT or "'" in word:
            return None
        if lower in STOP or lower in VERBS or lower in GERUND_TASKS or lower.endswith("ly"):
            if lower in _NOUN_STOPS or (len(words) == 1 and lower in ("and", "or")):
                return None  # the object goes on ("federated learning", "Unipolar and Bipolar ...")
            if words or lower not in _DETERMINERS:
                break
        else:
            words.append(word)
            end = match.end()
            if len(words) > MAX_OBJECT_WORDS:
                return None
        space = _SPACE.match(text, match.end())
        if space is None:
            break
        position = space.end()
    if not words or (end < len(text) and text[end] not in _OBJECT_END):
        return None  # "Clinical Q&A": the object is cut inside a word
    if text[end : end + 3].lstrip()[:1] in _QUOTES:
        return None  # "generation of auxiliary \"thinking tokens\"": the object goes on in quotes
    return words, end


def _task_name(words: list[str], head: str) -> str | None:
    if words[-1].lower() in _VAGUE_OBJECTS:
        return None
    words = [*words[:-1], singular(words[-1])]
    return " ".join(_name_case(word) for word in words) + " " + head


def find_nominal_tasks(text: str, title_end: int) -> Iterator[NominalTask]:
    """Title gerunds with their object, "N of X" task phrases and "the task of X"."""
    title = text[:title_end]
    for match in _TITLE_GERUND.finditer(title):
        found = object_words(text, match.end(), title_end)
        if found is None:
            continue
        words, end = found
        name = _task_name(words, GERUND_TASKS[match.group(1).lower()])
        if name is not None:
            yield NominalTask(match.start(1), end, name, True)
    lower = lowered(text)
    for of in _finds(lower, " of "):
        before = _WORD_BEFORE.search(lower, max(0, of - 16), of)
        if before is None or before.group() not in OF_TASKS:
            continue
        if before.start() and (lower[before.start() - 1].isalnum() or lower[before.start() - 1] == "-"):
            continue
        found = object_words(text, of + 4, len(text))
        if found is None:
            continue
        words, end = found
        if words[-1].lower() in PHRASE_TASK_HEADS:
            continue  # "evaluation of summarization" is about summarization, found by its head
        name = _task_name(words, before.group())
        if name is not None:
            yield NominalTask(before.start(), end, name, before.start() < title_end)
    for cue in _finds(lower, _TASK_OF):
        if cue and lower[cue - 1].isalnum():
            continue
        found = object_words(text, cue + len(_TASK_OF), len(text))
        if found is None:
            continue
        words, end = found
        last = words[-1].lower()
        if len(words) > 1 and (last in PHRASE_TASK_HEADS or last.endswith("ing")):
            name = " ".join(_name_case(word) for word in words)
            yield NominalTask(cue + len(_TASK_OF), end, name, cue < title_end)


def _finds(text: str, literal: str) -> Iterator[int]:
    """Every start of ``literal`` in ``text``."""
    position = text.find(literal)
    while position >= 0:
        yield position
        position = text.find(literal, position + 1)


# Heads whose phrase names a task even on one mention, when every modifier is a noun
# ("hate speech detection", "code generation"), not an adjective ("superior detection").
STANDALONE_TASK_HEADS = load("standalone_task_heads")
_ADJECTIVE_ENDINGS = entries("adjective_endings")
_NOUNS_LIKE_ADJECTIVES = load("nouns_like_adjectives")
_COMPARATIVES = load("comparatives")
# Other everyday adjectives and verbs seen before task heads ("rapid classification",
# "accelerate data retrieval").
_NOT_TASK_MODIFIERS = load("not_task_modifiers")


def is_standalone_task(phrase: str) -> bool:
    """Whether a task phrase names a task on its own: a strong task head and noun modifiers only
    ("hate speech detection", "story generation"); adjectives, participles and comparatives
    ("automated translation", "fewer autoregressive generation") leave it to repetition."""
    words = phrase.lower().split()
    if len(words) < 2 or words[-1] not in STANDALONE_TASK_HEADS:
        return False
    for word in words[:-1]:
        last_part = word.rsplit("-", 1)[-1]
        if (
            word in _COMPARATIVES
            or word in _NOT_TASK_MODIFIERS
            or (last_part.endswith(_ADJECTIVE_ENDINGS) and last_part not in _NOUNS_LIKE_ADJECTIVES)
        ):
            return False
    return True


# "a benchmark for multi-hop reasoning", "datasets for hate speech detection": what the data is
# for is the task it is built for.
_DATA_FOR = re.compile(
    r"(?:benchmark|dataset|corpus|corpora|suite|testbed)s?\s+for\s+(?:the\s+)?$", re.IGNORECASE
)


def follows_data_for(text: str, start: int) -> bool:
    """Whether a phrase at ``start`` is what a benchmark or dataset is for."""
    return _DATA_FOR.search(text, max(0, start - 30), start) is not None
