"""Code, model, data and project links in abstracts: found, cleaned of trailing punctuation, typed.

Abstracts write links in every way: ``https://github.com/NVlabs/MaskLLM.`` (sentence full stop),
``http://github.com/ahmedheakl/arazn-llm},`` (LaTeX leftovers), ``github.com/LVSTCK`` (no scheme).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from extractors.wordlists import entries


class LinkKind(StrEnum):
    """What a link points at."""

    CODE = "code"
    MODEL = "model"
    DATA = "data"
    PROJECT = "project"


CODE_HOSTS = entries("code_hosts")
HF_HOST = "huggingface.co"
# A URL with a scheme, or a bare well-known host followed by a path.
_BARE_HOSTS = "|".join(re.escape(h) for h in (*CODE_HOSTS, HF_HOST))
URL = re.compile(
    rf"(?:\bhttps?://|\bwww\.|(?<![\w./@-])(?:{_BARE_HOSTS})/)[^\s<>\"'`]+",
    re.IGNORECASE,
)
_HINTS = ("http", "www.", *(f"{host}/" for host in (*CODE_HOSTS, HF_HOST)))
_TRAILING = ".,;:!?'\"`*}{]>"
_PAIRS = {")": "(", "]": "["}
_HF_DATA_PREFIXES = ("datasets",)
_HF_PROJECT_PREFIXES = ("spaces",)


@dataclass(frozen=True, slots=True)
class Link:
    """A cleaned URL, its kind and its character offsets in the text it was found in."""

    url: str
    kind: LinkKind
    start: int
    end: int


def clean_url(raw: str) -> str:
    """Strip punctuation that ends a sentence or a LaTeX group, keeping balanced brackets."""
    url = raw
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _PAIRS and url.count(last) > url.count(_PAIRS[last])):
            url = url[:-1]
        else:
            break
    return url


def _host_and_path(url: str) -> tuple[str, list[str]]:
    parts = urlsplit(url if "://" in url else f"//{url}")
    host = (parts.hostname or "").removeprefix("www.")
    return host, [p for p in parts.path.split("/") if p]


def link_kind(url: str) -> LinkKind:
    """Classify a cleaned URL as code, model, data or project (per the annotation guidelines)."""
    host, path = _host_and_path(url)
    if host in CODE_HOSTS or host.endswith(".github.com"):
        return LinkKind.CODE
    if host == HF_HOST or host.endswith(f".{HF_HOST}"):
        if path and path[0] in _HF_DATA_PREFIXES:
            return LinkKind.DATA
        if path and path[0] in _HF_PROJECT_PREFIXES:
            return LinkKind.PROJECT
        return LinkKind.MODEL
    return LinkKind.PROJECT


def find_links(text: str) -> Iterator[Link]:
    """Every link in ``text`` with its offsets (of the cleaned URL), in order."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _HINTS):
        return
    for match in URL.finditer(text):
        url = clean_url(match.group())
        host, _ = _host_and_path(url)
        if "." not in host:
            continue
        yield Link(url, link_kind(url), match.start(), match.start() + len(url))
