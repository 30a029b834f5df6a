"""Extraction never fails on real abstracts: a sample of the arXiv daily corpus, 20 a month.

The sample holds the two abstracts that once ended ``kg extract`` with a traceback: a name
followed by its link in parentheses ("We introduce HausaNLP (https://catalog.hausanlp.org)",
"CheXmask-U (huggingface.co/datasets/...)"), which were read as an abbreviation pair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extraction import extract_entities
from kg.ingest import read_papers

SAMPLE = Path(__file__).parent / "data" / "arxiv-daily-sample.jsonl.gz"


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    papers = list(read_papers(SAMPLE))
    return {record["id"]: record for record in extract_entities(papers)}


def test_every_paper_of_the_sample_is_extracted(records: dict[str, dict]) -> None:
    assert len(records) == 302
    for record in records.values():
        assert all(repo["url"] and repo["kind"] for repo in record["repos"])
        for kind in ("methods", "datasets", "models", "tasks", "metrics"):
            assert all(entity["name"] for entity in record[kind])


@pytest.mark.parametrize(
    ("arxiv_id", "name", "url"),
    [
        ("2505.14311", "HausaNLP", "https://catalog.hausanlp.org"),
        ("2512.10715", "CheXmask-U", "huggingface.co/datasets/mcosarinsky/CheXmask-U"),
    ],
)
def test_a_name_and_its_link_in_parentheses_stay_apart(
    records: dict[str, dict], arxiv_id: str, name: str, url: str
) -> None:
    record = records[arxiv_id]
    assert url in {repo["url"] for repo in record["repos"]}
    names = {e["name"] for kind in ("methods", "datasets") for e in record[kind]}
    assert name in names
