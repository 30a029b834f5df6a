"""Names to keys: the one slug function, and the key that makes spelling variants one node.

``slug`` is the readable id fragment of a name (used by the extractors, the graph's ids and the
gazetteer build scripts alike). ``entity_key`` goes further for node identity: case, hyphen
and space variants, British and American spelling, and a plural last word give one key, so
"Multilayer Perceptrons" and "multi-layer perceptron" are one node, and so are "Llama-2",
"Llama2" and "LLaMA 2" (a model keeps its version and size: "Llama-3 8B" = "Llama3-8B", but
not "Llama-3").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

from extractors.wordlists import entries, load, table

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# A model key's parts: a size ("7b", "8x"), a word, or a number.
_MODEL_PART = re.compile(r"[0-9]+[bmkt](?![a-z])|[a-z]+|[0-9]+")


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """A readable id fragment: lower-case ASCII words joined by hyphens ("UNet++" -> "unet-plus-plus")."""
    text = name.lower().replace("+", " plus ").replace("&", " and ")
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("-", text).strip("-") or hashlib.blake2b(name.encode(), digest_size=4).hexdigest()


def singular(word: str) -> str:
    """A cautious English singular (short, non-alphabetic and Latin-looking words are left alone)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "os", "ics")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def entity_key(kind: str, name_or_key: str) -> str:
    """The key two spellings of one entity share; ``kind`` is the entity type ("Model", "Method" …)."""
    if kind == "Repo":  # a URL key (see normalise_url)
        return name_or_key
    key = slug(name_or_key)
    if kind == "Model":
        return "-".join(_MODEL_PART.findall(key)) or key
    if kind == "Dataset":
        return key
    spellings = table("us_spellings")
    prefixes = load("joined_prefixes")
    words: list[str] = []
    for word in key.split("-"):
        word = spellings.get(word, word)
        if words and words[-1] in prefixes:
            words[-1] += word
        else:
            words.append(word)
    if len(words) == 1 or words[-2] not in ("of", "for"):  # "mixture of experts" keeps its plural
        words[-1] = singular(words[-1])
    return "-".join(words)


@cache
def _not_entities() -> dict[str, frozenset[str]]:
    """Plain names (key "") and names that are not of one type (key: the type)."""
    table: dict[str, set[str]] = {}
    for line in entries("not_entities"):
        kind, _, name = line.rpartition("\t")
        table.setdefault(kind, set()).add(_plain(name))
    return {kind: frozenset(names) for kind, names in table.items()}


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def not_entity(surface: str, kind: str = "") -> bool:
    """Whether a whole mention is a name that is no entity, or none of type ``kind``
    (``data/not_entities.txt``)."""
    table = _not_entities()
    plain = _plain(surface)
    return plain in table.get("", frozenset()) or (bool(kind) and plain in table.get(kind, frozenset()))


def fold(text: str) -> str:
    """Unicode-normalise (NFKC), case-fold and collapse whitespace."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def normalise_title(title: str) -> str:
    """A title key: case-folded, accents stripped, every run of non-alphanumerics one space."""
    if title.isascii():
        return _NON_ALNUM.sub(" ", title.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", fold(title))
    ascii_ish = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", ascii_ish).strip()


def normalise_key(name: str) -> str:
    """An entity match key: case-folded with every non-alphanumeric character dropped."""
    return normalise_title(name).replace(" ", "")


def normalise_url(url: str) -> str:
    """A URL match key: no scheme, no ``www.``, no trailing slash or ``.git``, lower-cased."""
    key = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", url.strip(), flags=re.IGNORECASE)
    key = re.sub(r"^www\.", "", key, flags=re.IGNORECASE)
    key = key.rstrip("/")
    if key.lower().endswith(".git"):
        key = key[:-4]
    return key.rstrip("/").casefold()
