"""The similarity bar on the repository's sample of the arXiv daily corpus (the whole-corpus
figure: bench/bench_concepts.py --extracted).

The 302 abstracts of tests/data/arxiv-daily-sample.jsonl.gz (spread over the corpus's months) are
ingested into a real store (extraction, concepts and all); for 100 random papers (fixed seed)
the top 5 of the `similar-concepts` query must share the paper's primary category (have it among
their categories), and few papers may have no similar paper (a 302-paper graph has far fewer
neighbours than the corpus: 5% here).

Issue 16 asks for 85% of top-5 pairs sharing the category. That bar is NOT met: the whole corpus
gives 75-76% (bench_concepts, 200 papers; README), this sample 63.9%. The test holds the level
reached (a floor below it), so a regression fails; raise the floor when the similarity improves.
"""

from __future__ import annotations

import random
from pathlib import Path

from kg.build import ingest
from kg.model import Label
from kg.query import run_named_query
from kg.store.nx_store import NetworkXStore

SAMPLE = Path(__file__).parent / "data" / "arxiv-daily-sample.jsonl.gz"
FLOOR = 0.61
"""Measured 0.639 on this sample (the query on a real store); the issue's bar is 0.85 (not met)."""


def test_top_5_similar_papers_share_the_primary_category(tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "graph.json")
    ingest(store, [SAMPLE])
    categories = {
        node.id: list(node.props.get("categories") or ["?"])
        for node in store.iter_node_props(Label.PAPER, ["categories"])
    }
    assert len(categories) == 302
    shared = pairs = empty = 0
    for paper in random.Random(16).sample(sorted(categories), 100):
        rows = run_named_query(store, "similar-concepts", {"paper": paper, "limit": 5})
        empty += not rows
        pairs += len(rows)
        shared += sum(categories[paper][0] in categories[row["paper"]] for row in rows)
    assert shared / pairs >= FLOOR, (shared, pairs)
    assert empty <= 5, empty
