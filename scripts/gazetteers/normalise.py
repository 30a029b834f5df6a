"""Text normalisation: cleaning, slugs, merge keys, number (singular/plural) and phrase tokens."""

from __future__ import annotations

import re
import unicodedata

# The one slug function (and singular): gazetteer ids are the keys the extractors and the graph use.
from extractors.names import singular as singular
from extractors.names import slug as slug

# The one slug function (and singular): gazetteer ids are the keys the extractors and the graph use.

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
# British -> US spelling, applied to merge keys.
_BRIT = [("modelling", "modeling"), ("labelling", "labeling"), ("isation", "ization"), ("ise ", "ize ")]


def clean(text: str | None) -> str:
    """NFC, typographic quotes/dashes to ASCII, LaTeX dollars dropped, whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).replace("$", "")
    text = _WS.sub(" ", text.replace("\u00a0", " ")).strip()
    text = re.sub(r"(?<=\w) -(?=\w)|(?<=\w)- (?=\w)", "-", text)  # "F -measure", "English- Chinese"
    text = text.strip(" .,;:")
    if len(text) >= 2 and text[0] in "\"'" and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text


def pluralize(word: str) -> str:
    """English plural of a singular noun."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _expand_year(match: re.Match[str]) -> str:
    """ "wmt 14" -> "wmt2014", "muc 97" -> "muc1997"."""
    return match.group(1) + ("20" if match.group(2) < "40" else "19") + match.group(2)


def norm_key(text: str, dataset: bool = False) -> str:
    """Merge key: lowercase, punctuation- and space-insensitive, US spelling, last word singular
    ("GANs" = "GAN"); for datasets also 2-digit years ("WMT'14" = "WMT 2014")."""
    text = clean(text)
    toks = re.sub(r"[-_/]", " ", text).split()
    if toks and re.fullmatch(r"[A-Za-z0-9]*[A-Z]s", toks[-1]) and sum(ch.isupper() for ch in toks[-1]) >= 2:
        toks[-1] = toks[-1][:-1]
    text = " ".join(toks).lower()
    for brit, us in _BRIT:
        text = text.replace(brit, us)
    text = re.sub(r"[^\w+@. ']", "", text)
    if dataset:
        text = re.sub(r"\b([a-z]+) ?'?(\d\d)\b", _expand_year, text)
    text = text.replace("'", "")
    toks = text.split()
    if toks:
        toks[-1] = singular(toks[-1])
    return "".join(toks)


def stat_tokens(text: str) -> tuple[str, ...]:
    """Tokens used to count phrases in the abstract pool (lowercase alphanumeric runs)."""
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def word_set(text: str) -> set[str]:
    """The lowercase words of ``text``, split at spaces and hyphens."""
    return {w for w in re.split(r"[\s\-]+", text.lower()) if w}


def strip_leading_det(text: str) -> str:
    """Drop a leading determiner or possessive ("the", "our", ...)."""
    return re.sub(r"^(?:the|a|an|our|this|these|their|its)\s+", "", text, flags=re.IGNORECASE)
