"""The embedded store's reader (its on-disk Cypher engine) answers as the NetworkX graph does.

Read commands open the embedded store with ``create=False``: an :class:`EngineStore` that never
parses the graph file. Every read of the interface must agree with the NetworkX store's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import dump

from kg.errors import GraphFileError, StoreError
from kg.model import Label, RelType
from kg.read import list_papers, paper_details
from kg.store import load_graph, open_store
from kg.store.engine_store import EngineStore
from kg.store.nx_store import NetworkXStore


@pytest.fixture(scope="module")
def both(ingested: Path) -> Iterator[tuple[NetworkXStore, EngineStore]]:
    reader = open_store(ingested, create=False)
    assert isinstance(reader, EngineStore)
    yield NetworkXStore(ingested, create=False), reader
    reader.close()


def test_same_nodes_edges_and_counts(both: tuple[NetworkXStore, EngineStore]) -> None:
    graph, reader = both
    assert reader.stats() == graph.stats()
    assert dump(reader) == dump(graph)


def test_same_lookups(both: tuple[NetworkXStore, EngineStore]) -> None:
    graph, reader = both
    for label in Label:
        ids = [*[n.id for n in graph.iter_nodes(label)][::3], "nope", "method:nope"]
        assert reader.get_nodes(label, ids) == graph.get_nodes(label, ids)
    keys = [p.props["title_key"] for p in graph.iter_nodes(Label.PAPER)] + ["no such title"]
    assert reader.find_nodes(Label.PAPER, "title_key", keys) == graph.find_nodes(
        Label.PAPER, "title_key", keys
    )
    names = [m.props["name"] for m in graph.iter_nodes(Label.METHOD)]
    assert reader.find_nodes(Label.METHOD, "name", names) == graph.find_nodes(Label.METHOD, "name", names)
    assert reader.find_nodes(Label.PAPER, "upvotes", [1, 2, 3]) == graph.find_nodes(
        Label.PAPER, "upvotes", [1, 2, 3]
    )
    assert reader.find_nodes(Label.PAPER, "no_such_property", ["x"]) == {}


def test_same_edges_and_neighbourhoods(both: tuple[NetworkXStore, EngineStore]) -> None:
    graph, reader = both
    ids = [n.id for label in Label for n in list(graph.iter_nodes(label))[::4]] + ["nope"]
    for node_id in ids:
        assert reader.edges_of(node_id) == graph.edges_of(node_id), node_id
    hub = max((n.id for n in graph.iter_nodes(Label.METHOD)), key=lambda i: len(graph.edges_of(i)))
    for node_id in [*ids[::9], hub, "nope"]:
        for hops in (0, 1, 2):
            assert reader.neighbourhood(node_id, hops) == graph.neighbourhood(node_id, hops), (node_id, hops)


def test_same_answers_from_the_read_commands(both: tuple[NetworkXStore, EngineStore]) -> None:
    graph, reader = both
    assert list_papers(reader) == list_papers(graph)
    assert list_papers(reader, has_code=True, limit=7) == list_papers(graph, has_code=True, limit=7)
    for paper in list(graph.iter_nodes(Label.PAPER))[::25]:
        for ref in (paper.id, paper.props["title"].upper()):
            assert paper_details(reader, ref) == paper_details(graph, ref)


def test_the_reader_refuses_writes_and_still_gives_networkx(both: tuple[NetworkXStore, EngineStore]) -> None:
    graph, reader = both
    with pytest.raises(StoreError, match="opened for reading"):
        reader.upsert_nodes(Label.PAPER, [{"id": "x", "title": "X"}])
    with pytest.raises(StoreError, match="opened for reading"):
        reader.upsert_edges(RelType.USES, [])
    assert reader.graph.number_of_nodes() == graph.graph.number_of_nodes()
    assert load_graph(graph.path).number_of_edges() == graph.graph.number_of_edges()


def test_a_graph_without_its_engine_gets_one_built_once(ingested: Path, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_bytes(ingested.read_bytes())  # a graph file no engine was built for
    readers = [open_store(path, create=False) for _ in range(2)]
    engines = list((tmp_path / "graph.json.cypher").glob("engine-*.lbug"))
    assert len(engines) == 1
    assert readers[0].stats() == readers[1].stats() == NetworkXStore(path).stats()
    for reader in readers:
        reader.close()


def test_a_missing_or_corrupt_graph_is_named(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError, match="no graph here yet"):
        open_store(tmp_path / "graph.json", create=False)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "nope"}))
    with pytest.raises(GraphFileError, match="not a paper-kg graph file"):
        open_store(bad, create=False)


def test_readers_started_together_build_the_engine_once(ingested: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "graph.json"
    path.write_bytes(ingested.read_bytes())  # no engine yet
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    command = [sys.executable, "-m", "kg", "stats", "--graph", str(path), "--format", "json"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    assert json.loads(outputs[0][0]) == NetworkXStore(path).stats().as_dict()
    engine_dir = tmp_path / "graph.json.cypher"
    assert [p.name.startswith("engine-") for p in engine_dir.iterdir()] == [True]
    assert not [p for p in engine_dir.iterdir() if p.name.startswith((".building-", ".tables-"))]
