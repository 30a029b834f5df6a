"""The main job on the bundled sample corpus, end to end: ingest the five sample pages, find the
papers sharing methods with one of them, and draw the graph around it as an HTML page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.build import IngestReport, ingest
from kg.query.shortcuts import shared_methods
from kg.sample import SAMPLE_LISTING_YEAR, sample_paths
from kg.store.base import GraphStore

DEMO_PAPER = "MiniPLM: Knowledge Distillation for Pre-Training Language Models"
"""The sample paper the demo starts from: it shares knowledge distillation with eight others."""


@dataclass(slots=True)
class DemoResult:
    """What the demo did: the ingest report, the shared-methods rows and the page it wrote."""

    report: IngestReport
    paper: str
    shared: list[dict[str, Any]]
    view_path: Path
    view_nodes: int
    view_edges: int


def run_demo(
    store: GraphStore,
    view_path: Path,
    *,
    paper: str = DEMO_PAPER,
    on_progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Ingest the sample corpus into ``store``, run ``shared-methods`` for ``paper`` and write
    the view around it (two hops: its entities and the papers sharing them) to ``view_path``."""
    from kg.view import select_view, write_html

    report = ingest(store, sample_paths(), on_progress=on_progress, listing_year=SAMPLE_LISTING_YEAR)
    shared = shared_methods(store, paper)
    view = select_view(store, paper=paper)
    written = write_html(view, view_path)
    return DemoResult(report, paper, shared, written, len(view.nodes), len(view.edges))
