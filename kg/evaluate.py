"""``kg eval``: score extraction against a gold file in the GUIDELINES schema.

Papers are matched by normalised title. A predicted entity matches a gold one when any of
their names or aliases are equal after case-folding and dropping every non-alphanumeric
character (URLs: without scheme, ``www.``, trailing slash or ``.git``); each gold entity is
matched at most once. The micro average pools the six entity types (methods, datasets, models,
tasks, metrics, repos). Model families are scored apart, as the set of families per paper: they
derive from the models and would count them twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import IngestError
from kg.ids import normalise_key, normalise_title, normalise_url

ENTITY_TYPES = ("methods", "datasets", "models", "tasks", "metrics", "repos")
TYPES = (*ENTITY_TYPES[:3], "families", *ENTITY_TYPES[3:])


@dataclass
class Score:
    """True positives, false positives, false negatives, and the measures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    """Scores per type and micro-averaged, with the errors behind them."""

    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    errors: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {t: [] for t in TYPES})
    papers: int = 0
    missing: list[str] = field(default_factory=list)
    roles_correct: int = 0
    roles_total: int = 0

    @property
    def role_accuracy(self) -> float:
        """Share of matched methods and datasets whose role (proposed/used) is right."""
        return self.roles_correct / self.roles_total if self.roles_total else 0.0

    @property
    def micro(self) -> Score:
        """The six entity types pooled; families stay out."""
        total = Score()
        for kind in ENTITY_TYPES:
            total.add(self.scores[kind])
        return total

    def rows(self) -> list[dict[str, Any]]:
        """One row an entity type, then ``micro``, then ``families`` (not part of micro)."""
        named = [
            *((kind, self.scores[kind]) for kind in ENTITY_TYPES),
            ("micro", self.micro),
            ("families", self.scores["families"]),
        ]
        return [
            {
                "type": name,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for name, s in named
        ]


def _keys(entity: Mapping[str, Any], kind: str) -> set[str]:
    if kind == "repos":
        return {normalise_url(str(entity.get("url", "")))} - {""}
    names = [entity.get("name", ""), *entity.get("aliases", [])]
    return {normalise_key(str(n)) for n in names} - {""}


def _display(entity: Mapping[str, Any], kind: str) -> str:
    return str(entity.get("url") if kind == "repos" else entity.get("name"))


@dataclass
class _Matching:
    score: Score
    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]]
    false_pos: list[Mapping[str, Any]]
    false_neg: list[Mapping[str, Any]]


def _match(predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]], kind: str) -> _Matching:
    """Greedy one-to-one matching on shared keys."""
    gold_keys = [_keys(g, kind) for g in gold]
    unmatched = set(range(len(gold)))
    pairs, false_pos = [], []
    for entity in predicted:
        keys = _keys(entity, kind)
        hit = next((i for i in sorted(unmatched) if gold_keys[i] & keys), None)
        if hit is None:
            false_pos.append(entity)
        else:
            unmatched.discard(hit)
            pairs.append((entity, gold[hit]))
    false_neg = [gold[i] for i in sorted(unmatched)]
    return _Matching(Score(len(pairs), len(false_pos), len(false_neg)), pairs, false_pos, false_neg)


def _families(entities: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    names: dict[str, dict[str, Any]] = {}
    for entity in entities:
        family = entity.get("family")
        if family:
            names.setdefault(normalise_key(str(family)), {"name": family, "aliases": []})
    return list(names.values())


def score_paper(predicted: Mapping[str, Any], gold: Mapping[str, Any], report: Report, title: str) -> None:
    """Add one paper's matches to ``report``."""
    for kind in TYPES:
        if kind == "families":
            pred, want = _families(predicted.get("models", [])), _families(gold.get("models", []))
        else:
            pred, want = list(predicted.get(kind, [])), list(gold.get(kind, []))
        matching = _match(pred, want, kind)
        report.scores[kind].add(matching.score)
        for error, entities in (("FP", matching.false_pos), ("FN", matching.false_neg)):
            report.errors[kind] += [
                {"error": error, "entity": _display(e, kind), "paper": title} for e in entities
            ]
        if kind in ("methods", "datasets"):
            report.roles_total += len(matching.pairs)
            report.roles_correct += sum(p.get("role") == g.get("role") for p, g in matching.pairs)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records (one JSON object a line, with a ``title``); errors name the line."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"cannot read gold file ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(path, f"invalid JSON: {exc.msg}", number) from exc
        if not isinstance(record, dict) or not isinstance(record.get("title"), str):
            raise IngestError(path, "a gold record needs a 'title' to match papers by", number)
        records.append(record)
    if not records:
        raise IngestError(path, "no gold records")
    return records


def evaluate(gold: Sequence[Mapping[str, Any]], predictions: Iterable[Mapping[str, Any]]) -> Report:
    """Score ``predictions`` (``kg extract`` records) against ``gold``, matching papers by title."""
    by_title = {normalise_title(str(p["title"])): p for p in predictions}
    report = Report()
    for record in gold:
        title = str(record["title"])
        predicted = by_title.get(normalise_title(title))
        if predicted is None:
            report.missing.append(title)
            predicted = {}
        report.papers += 1
        score_paper(predicted, record, report, title)
    return report
