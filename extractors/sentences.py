"""Sentence boundaries for titles and abstracts, by rule: the title is one sentence, then a
boundary follows ".", "!" or "?" and whitespace before a capital, digit or opening bracket,
except after common abbreviations ("e.g.", "et al.", "Fig.")."""

from __future__ import annotations

import re

from extractors.wordlists import entries

_END = re.compile(r"[.!?]['\")\]]*\s+(?=[A-Z0-9\"'(\[])")
_NO_BREAK = entries("no_break_abbreviations")


def sentence_bounds(text: str, title_end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` character ranges of the sentences of ``text``, covering it in order."""
    starts = [0]
    if title_end is not None and 0 < title_end < len(text):
        starts.append(title_end + 1)
    for match in _END.finditer(text):
        end = match.end()
        if end < len(text) and not text[max(0, match.start() - 7) : match.start() + 1].endswith(_NO_BREAK):
            starts.append(end)
    starts = sorted(set(starts))
    bounds = []
    for start, following in zip(starts, [*starts[1:], len(text)], strict=True):
        end = following
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            bounds.append((start, end))
    return bounds
