"""Per-paper extraction results in the GUIDELINES schema (plus evidence): what ``kg extract`` prints.

Mentions of one entity are grouped under its canonical name; other surface forms become
aliases; a method or dataset is ``proposed`` when any of its mentions is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kg.model import Label, Mention, Paper

TYPE_KEYS: dict[Label, str] = {
    Label.METHOD: "methods",
    Label.DATASET: "datasets",
    Label.MODEL: "models",
    Label.TASK: "tasks",
    Label.METRIC: "metrics",
    Label.REPO: "repos",
}
_ROLED = (Label.METHOD, Label.DATASET)


def _evidence(paper: Paper, mention: Mention) -> dict[str, Any]:
    evidence = {
        "text": paper.text[mention.start : mention.end],
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence.sentence,
        # The rest of the mention, so that ``kg ingest`` can load this record without extracting
        # again (kg.extracted) and build the same graph rows.
        "sentence_start": mention.sentence.start,
        "sentence_end": mention.sentence.end,
        "extractor": mention.extractor,
        "confidence": mention.confidence,
        "role": mention.role,
        "aliases": list(mention.aliases),
    }
    if mention.attrs:
        evidence["attrs"] = dict(mention.attrs)
    return evidence


def _entity(paper: Paper, label: Label, mentions: list[Mention]) -> dict[str, Any]:
    first = mentions[0]
    if label is Label.REPO:
        attrs = dict(first.attrs)
        return {
            "key": first.key,
            "name": first.name,
            "url": attrs["url"],
            "kind": attrs["kind"],
            "evidence": [_evidence(paper, m) for m in mentions],
        }
    surfaces = {paper.text[m.start : m.end] for m in mentions} | {a for m in mentions for a in m.aliases}
    entity: dict[str, Any] = {
        "key": first.key,
        "name": first.name,
        "aliases": sorted(s for s in surfaces if s != first.name),
    }
    if label in _ROLED:
        entity["role"] = "proposed" if any(m.role == "proposed" for m in mentions) else "used"
    if label is Label.MODEL:
        entity["family"] = dict(first.attrs).get("family")
    entity["confidence"] = max(m.confidence for m in mentions)
    entity["evidence"] = [_evidence(paper, m) for m in mentions]
    return entity


def paper_entities(paper: Paper, mentions: Iterable[Mention]) -> dict[str, Any]:
    """One paper's entities grouped by type, each with its aliases, role and evidence."""
    grouped: dict[Label, dict[str, list[Mention]]] = {label: {} for label in TYPE_KEYS}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.label in grouped:
            grouped[mention.label].setdefault(mention.node_id, []).append(mention)
    result: dict[str, Any] = {"id": paper.id, "title": paper.title}
    for label, key in TYPE_KEYS.items():
        result[key] = [_entity(paper, label, found) for found in grouped[label].values()]
    result[PAPER_KEY] = paper_fields(paper)
    return result


PAPER_KEY = "paper"
"""The record's key holding every field of the paper as read (what ``kg ingest`` stores)."""


def paper_fields(paper: Paper) -> dict[str, Any]:
    """The paper's fields as JSON values (tuples as lists)."""
    from dataclasses import fields

    values = {f.name: getattr(paper, f.name) for f in fields(paper)}
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


def extract_entities(papers: Iterable[Paper], *, workers: int = 1) -> Iterator[dict[str, Any]]:
    """``paper_entities`` for every paper, in input order."""
    from kg.pipeline import extract

    for paper, mentions in extract(papers, workers=workers):
        yield paper_entities(paper, mentions)
