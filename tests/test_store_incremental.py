"""The embedded store written incrementally: reads through the engine with the session's writes
laid over them, commits that merge the changes into the file and update the engine, and the
same bytes and answers as the NetworkX store that rewrites everything."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from store_helpers import dump

from kg.build import ingest
from kg.errors import StoreError
from kg.model import Label, RelType
from kg.store import open_store
from kg.store.embedded_cypher import FileState, engine_dir
from kg.store.engine_store import EngineStore
from kg.store.incremental import IncrementalStore
from kg.store.nx_store import NetworkXStore

SAMPLE = sorted((Path(__file__).resolve().parents[1] / "kg" / "data" / "sample").glob("*.txt"))


def _small(store: Any) -> Any:
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "One"}, {"id": "p2", "title": "Two"}])
    store.upsert_nodes(Label.METHOD, [{"id": "method:dpo", "name": "DPO", "aliases": ["DPO"]}])
    store.upsert_edges(
        RelType.USES, [("p1", "method:dpo", {"evidence": "We use DPO.", "start": 7, "end": 10})]
    )
    store.upsert_edges(RelType.PROPOSES, [("p2", "method:dpo", {"evidence": "We propose DPO."})])
    return store


def _more(store: Any) -> None:
    """Writes over the small graph: a property changed, one added, a new node and edges."""
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "upvotes": 3}, {"id": "p3", "title": "Three\n\x1f'\""}])
    store.upsert_nodes(Label.METHOD, [{"id": "method:ppo", "name": "PPO", "aliases": []}])
    store.upsert_edges(RelType.USES, [("p1", "method:dpo", {"confidence": 0.9})])
    store.upsert_edges(RelType.USES, [("p3", "method:ppo", {"evidence": "PPO, too.", "confidence": 1})])
    store.upsert_edges(RelType.USES, [("p2", "method:ppo", {"evidence": "and PPO"})])


def _committed(path: Path) -> None:
    store = _small(NetworkXStore(path))
    store.commit()
    store.build_engine()


def test_an_existing_graph_opens_incrementally_and_reads_its_own_writes(tmp_path: Path) -> None:
    inc_path, ref_path = tmp_path / "a" / "graph.json", tmp_path / "b" / "graph.json"
    _committed(inc_path)
    _committed(ref_path)
    store, ref = open_store(str(inc_path)), NetworkXStore(ref_path)
    assert isinstance(store, IncrementalStore)
    _more(store)
    _more(ref)
    assert store.pending
    assert store.stats() == ref.stats()
    assert store.get_nodes(Label.PAPER, ["p1", "p3", "nope"]) == ref.get_nodes(
        Label.PAPER, ["p1", "p3", "nope"]
    )
    assert store.find_nodes(Label.PAPER, "title", ["Two", "Three\n\x1f'\""]) == {
        "Two": "p2",
        "Three\n\x1f'\"": "p3",
    }
    assert list(store.iter_nodes(Label.METHOD)) == list(ref.iter_nodes(Label.METHOD))
    assert list(store.iter_edges(RelType.USES)) == list(ref.iter_edges(RelType.USES))
    assert store.edges_of("method:ppo") == ref.edges_of("method:ppo")
    assert store.edges_of("p1") == ref.edges_of("p1")
    with pytest.raises(StoreError, match="missing node"):
        store.upsert_edges(RelType.USES, [("p1", "method:nope", {})])
    with pytest.raises(StoreError, match="is a Paper"):
        store.upsert_nodes(Label.METHOD, [{"id": "p1"}])
    store.commit()
    ref.commit()
    store.close()
    assert inc_path.read_bytes() == ref_path.read_bytes()
    assert _engine_dump(inc_path) == _rebuilt_dump(inc_path, tmp_path / "c")
    assert [p.name.startswith("engine-") for p in engine_dir(inc_path).iterdir()] == [True]


def _engine_dump(path: Path) -> dict[str, list[Any]]:
    reader = EngineStore(path)
    try:
        return dump(reader)
    finally:
        reader.close()


def _rebuilt_dump(path: Path, elsewhere: Path) -> dict[str, list[Any]]:
    """What an engine built from scratch from the file answers."""
    elsewhere.mkdir()
    copy = elsewhere / "graph.json"
    shutil.copy(path, copy)
    return _engine_dump(copy)


def test_ingest_in_two_steps_equals_the_networkx_store(tmp_path: Path) -> None:
    """The sample in two ingests: the same file bytes and engine answers either way."""
    inc, ref = tmp_path / "inc" / "graph.json", tmp_path / "ref" / "graph.json"
    for files in (SAMPLE[:3], SAMPLE[3:]):
        for path, opener in ((inc, open_store), (ref, NetworkXStore)):
            store = opener(path)
            ingest(store, files, listing_year=2026)
            store.close()
    assert inc.read_bytes() == ref.read_bytes()
    assert _engine_dump(inc) == _rebuilt_dump(inc, tmp_path / "rebuilt")


def test_a_reingest_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    store = open_store(path)
    ingest(store, SAMPLE, listing_year=2026)
    store.close()
    state, engines = FileState.of(path), sorted(engine_dir(path).iterdir())
    store = open_store(path)
    assert isinstance(store, IncrementalStore)
    report = ingest(store, SAMPLE, listing_year=2026)
    store.close()
    assert report.new_papers == 0 and report.after == report.before
    assert FileState.of(path) == state  # not even rewritten with the same bytes
    assert sorted(engine_dir(path).iterdir()) == engines


def test_a_failed_commit_leaves_the_old_graph_and_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.json"
    _committed(path)
    before, engines = path.read_bytes(), sorted(engine_dir(path).iterdir())
    store = open_store(path)
    _more(store)

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("kg.store.graph_file.merge", broken)
    with pytest.raises(OSError, match="disk full"):
        store.commit()
    store.close()
    assert path.read_bytes() == before
    assert sorted(engine_dir(path).iterdir()) == engines  # the updated copy was removed
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert _engine_dump(path) == dump(NetworkXStore(path))


def test_a_rename_carries_on_in_the_whole_graph(tmp_path: Path) -> None:
    inc, ref = tmp_path / "a" / "graph.json", tmp_path / "b" / "graph.json"
    _committed(inc)
    _committed(ref)
    for store in (open_store(inc), NetworkXStore(ref)):
        store.upsert_nodes(Label.PAPER, [{"id": "p2", "upvotes": 1}])
        store.rename_node(Label.PAPER, "p2", "2401.00002")
        store.upsert_nodes(Label.PAPER, [{"id": "2401.00002", "arxiv_id": "2401.00002"}])
        store.commit()
        store.close()
    assert inc.read_bytes() == ref.read_bytes()
    assert _engine_dump(inc) == dump(NetworkXStore(inc))


def test_a_value_of_another_type_rebuilds_the_engine(tmp_path: Path) -> None:
    """A property whose new value needs another column type: the engine is built from the file."""
    path = tmp_path / "graph.json"
    _committed(path)
    store = open_store(path)
    store.upsert_edges(RelType.USES, [("p1", "method:dpo", {"start": 7.5, "note": "new column"})])
    store.commit()
    store.close()
    assert _engine_dump(path) == dump(NetworkXStore(path))
    assert EngineStore(path).edges_of("p1")[0].props["start"] == 7.5


def test_the_file_keeps_its_layout_for_every_edit(tmp_path: Path) -> None:
    """Updates before the first line, after the last, and in an empty section."""
    path = tmp_path / "graph.json"
    store = NetworkXStore(path)
    store.upsert_nodes(Label.METHOD, [{"id": "method:m", "name": "M"}])
    store.commit()
    store.build_engine()
    for node_id, label in (("0", Label.PAPER), ("zzz", Label.TOPIC), ("method:a", Label.METHOD)):
        inc = open_store(path)
        inc.upsert_nodes(label, [{"id": node_id, "name": node_id}])
        inc.commit()
        inc.close()
    inc = open_store(path)
    inc.upsert_edges(RelType.USES, [("0", "method:m", {})])
    inc.commit()
    inc.close()
    whole = NetworkXStore(path)
    assert sorted(whole.graph.nodes) == ["0", "method:a", "method:m", "zzz"]
    before = path.read_bytes()
    whole._writes += 1
    whole.commit()
    assert path.read_bytes() == before


def test_one_more_day_never_reads_the_whole_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The incremental day: neither the graph file is parsed whole nor the engine rebuilt."""
    path = tmp_path / "graph.json"
    store = open_store(path)
    ingest(store, SAMPLE[:4], listing_year=2026)
    store.close()

    def whole(*args: Any) -> None:
        raise AssertionError("the whole graph was read")

    monkeypatch.setattr(NetworkXStore, "_load", whole)
    monkeypatch.setattr("kg.store.embedded_cypher.build", whole)
    store = open_store(path)
    report = ingest(store, SAMPLE[4:], listing_year=2026)
    store.close()
    assert report.new_papers > 0
    monkeypatch.undo()
    assert _engine_dump(path) == dump(NetworkXStore(path))
