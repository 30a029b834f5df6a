"""Is a phrase a *name* (of a method or dataset) rather than a description?"""

from __future__ import annotations

import re

from .acronyms import is_acronym_token, named_token
from .english import STOPWORDS, is_english
from .normalise import singular
from .registry import Registry
from .wordlists import GENERIC, METHOD_BAD_HEADS

Aliases = list[tuple[str, str]]  # (surface form, kind)

_DATASET_SUFFIX = re.compile(
    r"(.+?)\s+(dataset|datasets|data set|corpus|corpora|benchmark|data|treebank test set)", re.IGNORECASE
)


def dataset_named(text: str) -> bool:
    """A short phrase with a name-like token, or a Title-case word that is not everyday English."""
    toks = text.split()
    if not toks or len(toks) > 7:
        return False
    if any(named_token(t) for t in toks):
        return True
    if any(is_acronym_token(t) for t in toks):
        return True
    titled = [t for t in toks if t[:1].isupper() and t.lower() not in STOPWORDS]
    return bool(titled) and any(not is_english(t) for t in titled)


def method_named(text: str) -> bool:
    """1-6 words with a name-like token, not generic, and not headed by "method", "approach", ..."""
    toks = text.split()
    head = singular(toks[-1].lower().split("-")[-1]) if toks else ""
    return (
        1 <= len(toks) <= 6
        and any(named_token(t) or is_acronym_token(t) for t in toks)
        and len(text) >= 3
        and text.lower() not in GENERIC["METHOD"]
        and not text.endswith("-")
        and (len(toks) == 1 or head not in METHOD_BAD_HEADS)
    )


def dataset_suffix(canonical: str, aliases: Aliases, datasets: Registry) -> tuple[str, Aliases]:
    """'Switchboard corpus' -> 'Switchboard' (+ the suffixed form as an alias) when the rest is
    still a name."""
    m = _DATASET_SUFFIX.fullmatch(canonical)
    if m:
        rest = m.group(1)
        toks = rest.split()
        strip = (
            any(named_token(t) or is_acronym_token(t) for t in toks)
            or (len(toks) == 1 and not is_english(rest) and dataset_named(rest))
            or datasets.find(rest) is not None
        )
        if strip:
            return rest, [*aliases, (canonical, "alias")]
    return canonical, aliases
