"""The similarity bar on the repository's sample of the arXiv daily corpus (the whole-corpus
figure: bench_concepts).

The 302 abstracts of tests/data/arxiv-daily-sample.jsonl.gz (spread over the corpus's months)
are linked to the shipped vocabulary; for 100 random papers (fixed seed) the top 5 similar papers
(by weighted shared concepts) must share the paper's primary category (have it among their
categories), and few papers may have no similar paper (a small sample has fewer neighbours than
the corpus: 3% here, 0% on the corpus).

Issue 16 asks for 85% of top-5 pairs sharing the category. That bar is NOT met: the whole corpus
gives 68.0% (bench_concepts, 200 papers; 60.2% same primary category; 0% without a similar
paper), this sample 61.9%. The test holds the level reached (a floor below it), so a regression
fails; raise the floor when the similarity improves.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts" / "concepts"))

from bench_concepts import similarity_bar  # noqa: E402
from build_vocabulary import corpus_records  # noqa: E402

from kg.concepts.link import link  # noqa: E402
from kg.concepts.similar import SimilarityIndex  # noqa: E402
from kg.concepts.vocabulary import shipped  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "arxiv-daily-sample.jsonl.gz"
FLOOR = 0.58
"""Measured 0.619 on this sample with the shipped vocabulary; the issue's bar is 0.85 (not met)."""


def test_top_5_similar_papers_share_the_primary_category(tmp_path: Path) -> None:
    month_dir = tmp_path / "corpus"
    month_dir.mkdir()
    (month_dir / SAMPLE.name).symlink_to(SAMPLE)
    vocabulary = shipped()
    vectors: dict[str, dict[str, float]] = {}
    categories: dict[str, list[str]] = {}
    for record in corpus_records(month_dir):
        paper = str(record["id"])
        vectors[paper] = {
            lk.concept.id: lk.weight for lk in link(str(record["title"]), str(record["summary"]), vocabulary)
        }
        categories[paper] = list(record.get("categories") or ["?"])  # type: ignore[call-overload]
    sample = random.Random(16).sample(sorted(vectors), 100)
    bar = similarity_bar(SimilarityIndex(vectors), categories, sample)
    assert bar["share_primary_in_categories"] >= FLOOR, bar
    assert bar["no_similar_paper"] <= 0.05, bar
