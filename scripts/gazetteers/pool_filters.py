"""Which mention-pool groups become entities: per-label name filters."""

from __future__ import annotations

import re

from .context import BuildContext
from .english import STOPWORDS, is_english
from .metric_names import metric_like
from .naming import dataset_named, method_named
from .normalise import singular
from .wordlists import (
    GENERIC_WORDS,
    GENRE_WORDS,
    LANGUAGES,
    TASK_BAD_HEADS,
    TASK_BAD_MODIFIERS,
    TASK_HEADS,
    is_generic,
)


def pool_keep(ctx: BuildContext, label: str, canonical: str, count: int, scirex_only: bool = False) -> bool:
    """Does the pooled name ``canonical`` (``count`` mentions) make a ``label`` entity?"""
    toks = canonical.split()
    low = canonical.lower()
    if len(canonical) < 3 or len(toks) > 6 or is_generic(label, low):
        return False
    if len(toks) == 1 and low in GENERIC_WORDS[label]:
        return False
    if label == "METHOD":
        return method_named(canonical) and not canonical.isdigit()
    if label == "DATASET":
        return _keep_dataset(ctx, canonical)
    if label == "TASK":
        return _keep_task(ctx, canonical, count, scirex_only)
    if label == "METRIC":
        return metric_like(canonical)
    return True


def _keep_dataset(ctx: BuildContext, canonical: str) -> bool:
    toks = canonical.split()
    low = canonical.lower()
    if not dataset_named(canonical) or "/" in canonical:
        return False
    if len(toks) == 1 and (
        is_english(canonical) or ctx.stats.lowercase_usage(canonical) or low in GENRE_WORDS
    ):
        return False  # BOOKS, SPORTS, Robust
    if all(t.lower() in LANGUAGES or t.lower() == "to" for t in re.split(r"[\s\-\u2192]+", low) if t):
        return False  # a language pair, not a dataset
    if len(toks) == 1 and ctx.registries["METHOD"].find(canonical) is not None:
        return False  # "CNN" is a method here
    if re.search(r"\b(?:test|dev|training|development|evaluation) (?:sets?|data|corpus)\b|derived", low):
        return False
    return all(t.lower() not in GENERIC_WORDS["DATASET"] for t in toks[-1:]) or len(toks) > 1


def _keep_task(ctx: BuildContext, canonical: str, count: int, scirex_only: bool) -> bool:
    toks = canonical.split()
    low = canonical.lower()
    if any(ch.isdigit() for ch in canonical) and not re.search(r"\b[23]D\b", canonical):
        return False  # "CoNLL 2005 shared task" is a dataset-ish event, not a task
    if "shared task" in low or "challenge" in low:
        return False
    if len(toks) == 1 and count < 3:
        return False
    if any(t.lower() in STOPWORDS for t in toks) and count < 3:
        return False  # "interactions of two sentences"
    head = low.split()[-1].split("-")[-1]
    head = singular(head) if head not in TASK_HEADS else head
    if head in TASK_BAD_HEADS or low.split()[0] in TASK_BAD_MODIFIERS:
        return False
    known_head = head in TASK_HEADS or low.split()[-1] in TASK_HEADS
    if not known_head and (scirex_only or not head.endswith(("tion", "sion", "sis", "ing"))):
        return False  # SciREX's task mentions are noisy: only well-known task heads
    if ctx.registries["METHOD"].find(canonical) is not None:
        ctx.log.append(f"TASK skip {canonical!r}: a known method")
        return False
    return True
