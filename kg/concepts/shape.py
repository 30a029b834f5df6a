"""Phrases whose shape says they are no research concept: clause fragments, adverb-led modifiers,
"the cost of ...": the generic tail that frequency, cohesion and specificity let through.

There is no part-of-speech tagger in the mining loop (67k abstracts); word endings and three data
lists (``generic_of_heads.txt``, ``generic_owners.txt``, ``ly_nouns.txt``) stand in for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.concepts.text import word_list

_ADVERB = re.compile(r"^[a-z]{2,}ly$")
_ADJECTIVE = re.compile(r"(?:al|ive|ous|able|ible|ful|less|ic)$")
_PARTICIPLE = re.compile(r"[a-z]{2,}(?:ed|ing)$")
_PLURAL = re.compile(r"[a-z]{2,}[^siuc]s$")  # not "loss", "focus", "basis", "physics"
_VERB = re.compile(r"[a-z]{3,}(?:es|ates|izes|ises)$")


def generic_shape(words: Sequence[str]) -> str | None:
    """Why the phrase ``words`` (lower case) is generic by its shape, or None when it may be a concept.

    - an adverb and the word it modifies: "mainly focused", "computationally expensive";
    - a plural noun and a participle, the start of a clause: "sizes ranging", "experiments conducted";
    - a generic head with "of" ("importance of data", "cost of processing") or "of" followed by a
      participle or an adjective ("quality of generated", "vast amounts of unlabeled");
    - a gerund and an adjective, a verb and its object's modifier: "reducing computational";
    - a possessive of a generic owner (``generic_owners.txt``): "model s internal" (not
      "alzheimer s disease").
    """
    if len(words) < 2:
        return None
    first, last = words[0], words[-1]
    if "s" in words and words[words.index("s") - 1] in word_list("generic_owners.txt"):
        return "possessive fragment"
    if len(words) == 2 and _ADVERB.match(first) and first not in word_list("ly_nouns.txt"):
        return "adverb and its word"
    if _PARTICIPLE.match(last) and _PLURAL.match(words[-2]) and words[-2] != "means":
        return "clause fragment"
    if "of" in words and (
        first in word_list("generic_of_heads.txt")
        or (words[-2] == "of" and (_PARTICIPLE.match(last) or _ADJECTIVE.search(last)))
    ):
        return "generic X of Y"
    if len(words) == 2 and first.endswith("ing") and _ADJECTIVE.search(last):
        return "verb and modifier"
    return None
