"""Normalisation and deterministic ids shared by ingest, extractors and stores.

Ids depend only on normalised content, so re-ingesting the same input yields the same ids.
"""

from __future__ import annotations

import hashlib
import re

from extractors import names

# Match keys live with the extractors (which use them); kg re-exports them.
from extractors.names import fold as fold
from extractors.names import normalise_key as normalise_key
from extractors.names import normalise_title as normalise_title
from extractors.names import normalise_url as normalise_url

# New-style (2401.01234, optional version) and old-style (hep-th/9901001) arXiv ids.
ARXIV_ID = re.compile(
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?P<version>\d+))?",
)


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
