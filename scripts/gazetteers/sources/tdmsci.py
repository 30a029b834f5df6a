"""TDMSci (Apache-2.0): CoNLL files of task, dataset and metric mentions, pooled as mentions."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import TYPE_CHECKING

from ..readers import Mention

if TYPE_CHECKING:
    from ..context import BuildContext

Token = tuple[str, int, str]  # (token, char offset, BIO tag)
_TYPES = ("TASK", "DATASET", "METRIC")


def _read_sentences(path: Path) -> list[list[Token]]:
    """The sentences of one CoNLL file (blank or short lines separate sentences)."""
    sents: list[list[Token]] = [[]]
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or not parts[0].strip():
                if sents[-1]:
                    sents.append([])
                continue
            sents[-1].append((parts[0], int(parts[1]), parts[-1]))
    return sents


def detok(tokens: list[Token]) -> str:
    """Detokenise a span: a space only where the character offsets leave a gap."""
    text = ""
    end = None
    for tok, off, _ in tokens:
        if end is not None and off > end:
            text += " "
        text += tok
        end = off + len(tok)
    return text


def _spans(sent: list[Token]) -> list[tuple[str, str, str | None]]:
    """BIO spans of a sentence as (type, text, acronym in brackets right after the span)."""
    spans: list[tuple[str, str, str | None]] = []
    i = 0
    while i < len(sent):
        tag = sent[i][2]
        if not tag.startswith("B-"):
            i += 1
            continue
        typ = tag[2:]
        j = i + 1
        while j < len(sent) and sent[j][2] == f"I-{typ}":
            j += 1
        acr = None
        if j + 2 < len(sent) and sent[j][0] == "(" and sent[j + 2][0] == ")":
            acr = sent[j + 1][0]
        spans.append((typ, detok(sent[i:j]), acr))
        i = j
    return spans


def read_tdmsci(ext: Path) -> dict[str, list[Mention]]:
    """TDMSci CoNLL (token, char offset, BIO): spans detokenised from the offsets, plus acronyms that
    follow a span in brackets."""
    out: dict[str, list[Mention]] = collections.defaultdict(list)
    for path in sorted((ext / "tdmsci" / "conll").glob("*.conll")):
        for sent in _read_sentences(path):
            for typ, text, acr in _spans(sent):
                if typ in _TYPES:
                    out[typ].append(Mention(text, "tdmsci", acr))
    return out


def add_tdmsci(ctx: BuildContext) -> None:
    """Pool TDMSci's mentions (they become entities in the pool step)."""
    for label, mentions in sorted(read_tdmsci(ctx.ext).items()):
        ctx.pools[label].extend(mentions)
