"""Normalisation and deterministic ids shared by ingest, extractors and stores.

Ids depend only on normalised content, so re-ingesting the same input yields the same ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from extractors import names

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# New-style (2401.01234, optional version) and old-style (hep-th/9901001) arXiv ids.
ARXIV_ID = re.compile(
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?P<version>\d+))?",
)


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


def stable_hash(text: str, length: int = 16) -> str:
    """A short hex digest of ``text`` (BLAKE2b), stable across runs and platforms."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()[:length]


def parse_arxiv_id(text: str | None) -> str | None:
    """The bare arXiv id (no version) inside ``text``: an id, an abs/pdf URL or ``arXiv:…``."""
    if not text:
        return None
    match = ARXIV_ID.search(text.strip())
    return match.group("id") if match else None


def paper_id(title: str, arxiv_id: str | None = None) -> str:
    """A paper's id: its arXiv id when known, else a hash of its normalised title."""
    if arxiv_id:
        return arxiv_id
    key = normalise_title(title)
    if not key:
        raise ValueError("a paper needs a title with at least one letter or digit")
    return stable_hash(key)


slug = names.slug  # the one slug function (the extractors and the gazetteer scripts use it too)


def entity_id(prefix: str, name: str) -> str:
    """The id of an entity node, e.g. ``method:direct-preference-optimization``."""
    return f"{prefix}:{slug(name)}"


def normalise_url(url: str) -> str:
    """A URL match key: no scheme, no ``www.``, no trailing slash or ``.git``, lower-cased."""
    key = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", url.strip(), flags=re.IGNORECASE)
    key = re.sub(r"^www\.", "", key, flags=re.IGNORECASE)
    key = key.rstrip("/")
    if key.lower().endswith(".git"):
        key = key[:-4]
    return key.rstrip("/").casefold()
