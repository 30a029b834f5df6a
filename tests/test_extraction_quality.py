"""Dev-set regression: extraction on the bundled corpus keeps its scores against the dev gold.

The floors are the issue's targets, per type and micro (see the README's extraction section);
micro pools the six entity types (families apart).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import merge_duplicates
from kg.evaluate import Report, evaluate, load_gold
from kg.extraction import extract_entities
from kg.ingest import read_papers
from kg.model import Paper

GOLD = Path(__file__).parent / "data" / "gold-dev.jsonl"
FLOORS = {  # the shipped pipeline measures 0.670 / 0.817 / 0.926 / 0.911 / 0.582 / 0.600 / 1.0 / 0.693
    "methods": 0.63,
    "datasets": 0.75,
    "models": 0.88,
    "families": 0.88,
    "tasks": 0.55,
    "metrics": 0.58,
    "repos": 0.98,
    "micro": 0.67,
}
# The held-out annotations (data/annotations, batches b000-b015): scored, never trained or tuned on.
HELDOUT_FLOORS = {  # measured: 0.651 / 0.660 / 0.740 / 0.823 / 0.519 / 0.650, roles 0.911
    "micro": 0.63,
    "methods": 0.64,
    "datasets": 0.71,
    "models": 0.80,
    "tasks": 0.50,
    "metrics": 0.62,
}


@pytest.fixture(scope="module")
def report(sample: list[Path]) -> Report:
    papers = merge_duplicates(p for path in sample for p in read_papers(path))
    return evaluate(load_gold(GOLD), extract_entities(papers))


@pytest.mark.parametrize("kind", list(FLOORS))
def test_dev_f1_stays_above_its_floor(report: Report, kind: str) -> None:
    f1 = {row["type"]: row["f1"] for row in report.rows()}[kind]
    assert f1 >= FLOORS[kind], f"{kind} F1 {f1:.3f} fell below {FLOORS[kind]}"


def test_every_gold_paper_is_in_the_corpus(report: Report) -> None:
    assert report.papers == 85 and not report.missing


def test_roles_are_mostly_right(report: Report) -> None:
    assert report.role_accuracy >= 0.85


@pytest.fixture(scope="module")
def heldout() -> Report:
    import json

    root = Path(__file__).parents[1] / "data" / "annotations"
    split = {json.loads(line)["pid"] for line in (root / "manifest.jsonl").open() if '"heldout"' in line}
    gold, papers = [], []
    for batch in sorted((root / "raw").glob("b0[01][0-9].jsonl")):
        texts = {r["pid"]: r["text"] for r in map(json.loads, (root / "texts" / batch.name).open())}
        for record in map(json.loads, batch.open()):
            if record["pid"] in split:
                title, abstract = texts[record["pid"]].split("\n", 1)
                gold.append({**record, "title": title})
                papers.append(Paper(title=title, abstract=abstract, arxiv_id=record["pid"]))
    assert len(gold) == 400
    return evaluate(gold, extract_entities(papers))


@pytest.mark.parametrize("kind", list(HELDOUT_FLOORS))
def test_heldout_f1_stays_above_its_floor(heldout: Report, kind: str) -> None:
    f1 = {row["type"]: row["f1"] for row in heldout.rows()}[kind]
    assert f1 >= HELDOUT_FLOORS[kind], f"held-out {kind} F1 {f1:.3f} fell below {HELDOUT_FLOORS[kind]}"


def test_heldout_roles(heldout: Report) -> None:
    assert heldout.role_accuracy >= 0.90
