"""Shared fixtures: the bundled sample corpus and a fresh graph file per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.sample import sample_paths

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def sample() -> list[Path]:
    """The five real Hugging Face Daily Papers pages shipped in the package."""
    paths = sample_paths()
    assert len(paths) == 5
    return paths


@pytest.fixture
def graph_path(tmp_path: Path) -> Path:
    """Where a test's embedded graph lives."""
    return tmp_path / "kg-data" / "graph.json"


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory, sample: list[Path]) -> Path:
    """A graph file built once from the sample corpus (tests must not modify it)."""
    from kg.build import ingest
    from kg.store import open_store

    path = tmp_path_factory.mktemp("ingested") / "graph.json"
    ingest(open_store(path), sample)
    return path
