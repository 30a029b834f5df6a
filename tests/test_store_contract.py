"""The store contract: the embedded store and a real Neo4j give identical answers.

The same ingest of the bundled sample corpus goes into both; every read of the interface must
agree (counts, nodes, edges, lookups, neighbourhoods, the read commands' library functions).
Then the write semantics every store shares, run once per store kind.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import Neo4jTarget, dump

from kg.build import ingest
from kg.errors import ReadOnlyError, StoreError
from kg.ids import normalise_title
from kg.model import Label, RelType
from kg.read import list_papers, paper_details
from kg.store import open_store, store_kind
from kg.store.base import GraphStore
from kg.store.neo4j_store import Neo4jStore
from kg.store.nx_store import NetworkXStore


@pytest.fixture(scope="module")
def pair(
    ingested: Path, neo4j_target: Neo4jTarget, sample: list[Path]
) -> Iterator[tuple[NetworkXStore, Neo4jStore, dict[str, Any]]]:
    """(embedded, Neo4j) after the same ingest, and the Neo4j graph after ingesting it again."""
    neo = neo4j_target.open()
    neo.clear()
    ingest(neo, sample)
    first = dump(neo)
    ingest(neo, sample)
    yield NetworkXStore(ingested, create=False), neo, first
    neo.close()


def _ids(store: GraphStore, label: Label, every: int = 1) -> list[str]:
    return [n.id for n in store.iter_nodes(label)][::every]


@pytest.mark.neo4j
def test_same_counts_nodes_and_edges(pair: tuple[NetworkXStore, Neo4jStore, dict[str, Any]]) -> None:
    embedded, neo, _ = pair
    assert neo.stats() == embedded.stats()
    assert embedded.stats().nodes["Paper"] == 250 and sum(embedded.stats().edges.values()) > 500
    assert dump(neo) == dump(embedded)


@pytest.mark.neo4j
def test_reingest_changes_nothing(pair: tuple[NetworkXStore, Neo4jStore, dict[str, Any]]) -> None:
    _, neo, first = pair
    assert dump(neo) == first


@pytest.mark.neo4j
def test_same_lookups(pair: tuple[NetworkXStore, Neo4jStore, dict[str, Any]]) -> None:
    embedded, neo, _ = pair
    for label in Label:
        ids = [*_ids(embedded, label, 3), "nope", "method:nope"]
        assert neo.get_nodes(label, ids) == embedded.get_nodes(label, ids)
    papers = list(embedded.iter_nodes(Label.PAPER))
    keys = [p.props["title_key"] for p in papers] + ["no such title"]
    assert neo.find_nodes(Label.PAPER, "title_key", keys) == embedded.find_nodes(
        Label.PAPER, "title_key", keys
    )
    names = [m.props["name"] for m in embedded.iter_nodes(Label.METHOD)]
    assert neo.find_nodes(Label.METHOD, "name", names) == embedded.find_nodes(Label.METHOD, "name", names)
    assert neo.find_nodes(Label.PAPER, "upvotes", [1, 2, 3]) == embedded.find_nodes(
        Label.PAPER, "upvotes", [1, 2, 3]
    )


@pytest.mark.neo4j
def test_same_edges_and_neighbourhoods(pair: tuple[NetworkXStore, Neo4jStore, dict[str, Any]]) -> None:
    embedded, neo, _ = pair
    ids = [i for label in Label for i in _ids(embedded, label, 4)] + ["nope"]
    for node_id in ids:
        assert neo.edges_of(node_id) == embedded.edges_of(node_id), node_id
    hub = max(_ids(embedded, Label.METHOD), key=lambda i: len(embedded.edges_of(i)))
    for node_id in [*ids[::9], hub, "nope"]:
        for hops in (0, 1, 2):
            assert neo.neighbourhood(node_id, hops) == embedded.neighbourhood(node_id, hops), (node_id, hops)
    assert len(neo.neighbourhood(hub, 2).nodes) > 10


@pytest.mark.neo4j
def test_same_answers_from_the_read_commands(pair: tuple[NetworkXStore, Neo4jStore, dict[str, Any]]) -> None:
    embedded, neo, _ = pair
    assert list_papers(neo) == list_papers(embedded)
    assert list_papers(neo, has_code=True, limit=7) == list_papers(embedded, has_code=True, limit=7)
    for paper in list(embedded.iter_nodes(Label.PAPER))[::25]:
        for ref in (paper.id, paper.props["title"].upper()):
            assert paper_details(neo, ref) == paper_details(embedded, ref)


# -- write semantics, once per store kind ---------------------------------------------------------


def _small(store: GraphStore) -> None:
    store.upsert_nodes(
        Label.PAPER, [{"id": "p1", "title": "One", "upvotes": None}, {"id": "p2", "title": "Two"}]
    )
    store.upsert_nodes(Label.METHOD, [{"id": "method:dpo", "name": "DPO", "aliases": ["DPO", "dpo"]}])
    store.upsert_edges(
        RelType.USES, [("p1", "method:dpo", {"evidence": "We use DPO.", "start": 7, "role": None})]
    )
    store.upsert_edges(RelType.PROPOSES, [("p2", "method:dpo", {"confidence": 0.5})])
    store.commit()


def test_upserts_merge_properties_and_none_means_not_given(store: GraphStore) -> None:
    _small(store)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "upvotes": 3, "title": None, "authors": ("A", "B")}])
    store.upsert_edges(RelType.USES, [("p1", "method:dpo", {"confidence": 0.9, "evidence": None})])
    store.upsert_nodes(Label.PAPER, [{"id": "p2", "title": "Two"}])  # same again: nothing changes
    assert list(store.get_nodes(Label.PAPER, ["p1", "p3"])) == ["p1"]
    assert store.get_nodes(Label.PAPER, ["p1"])["p1"].props == {
        "title": "One",
        "upvotes": 3,
        "authors": ["A", "B"],
    }
    (uses,) = store.edges_of("p1")
    assert uses.props == {"evidence": "We use DPO.", "start": 7, "confidence": 0.9}
    stats = store.stats()
    assert stats.nodes == {**{label.value: 0 for label in Label}, "Paper": 2, "Method": 1}
    assert stats.edges == {**{rel.value: 0 for rel in RelType}, "USES": 1, "PROPOSES": 1}
    assert [n.id for n in store.iter_nodes(Label.PAPER)] == ["p1", "p2"]
    assert [(e.source, e.target) for e in store.iter_edges(RelType.USES)] == [("p1", "method:dpo")]
    assert store.find_nodes(Label.PAPER, "title", ["Two", "Nope"]) == {"Two": "p2"}


def test_an_edge_needs_both_ends(store: GraphStore) -> None:
    _small(store)
    with pytest.raises(StoreError, match="missing node 'method:nope'"):
        store.upsert_edges(RelType.USES, [("p2", "method:dpo", {}), ("p1", "method:nope", {})])
    assert store.stats().edges["USES"] == 1


def test_rename_keeps_properties_and_edges(store: GraphStore) -> None:
    _small(store)
    store.rename_node(Label.PAPER, "p1", "2401.00001")
    assert store.get_nodes(Label.PAPER, ["p1"]) == {}
    assert store.get_nodes(Label.PAPER, ["2401.00001"])["2401.00001"].props["title"] == "One"
    assert [(e.source, e.type) for e in store.edges_of("method:dpo")] == [
        ("p2", RelType.PROPOSES),
        ("2401.00001", RelType.USES),
    ]
    with pytest.raises(StoreError, match="exists"):
        store.rename_node(Label.PAPER, "p2", "2401.00001")
    store.rename_node(Label.PAPER, "no-such", "p9")  # nothing to rename
    assert store.stats().nodes["Paper"] == 2


def test_rekeyed_paper_on_a_later_ingest(store: GraphStore, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    title = "Direct Preference Optimization Revisited"
    first.write_text(json.dumps({"title": title, "abstract": "Code: https://github.com/a/dpo2"}) + "\n")
    second.write_text(json.dumps({"title": title, "arxiv_id": "2402.01234", "abstract": "Short."}) + "\n")
    ingest(store, [first])
    ingest(store, [second])
    (paper,) = store.iter_nodes(Label.PAPER)
    assert paper.id == "2402.01234" and paper.props["title_key"] == normalise_title(title)
    assert [e.target for e in store.edges_of(paper.id) if e.type is RelType.HAS_CODE] == [
        "repo:github.com/a/dpo2"
    ]


def test_neighbourhood_ignores_direction(store: GraphStore) -> None:
    _small(store)
    sub = store.neighbourhood("p1", hops=2)
    assert [n.id for n in sub.nodes] == ["method:dpo", "p1", "p2"]
    assert [(e.source, e.type) for e in sub.edges] == [("p2", RelType.PROPOSES), ("p1", RelType.USES)]
    assert [n.id for n in store.neighbourhood("p1", hops=0).nodes] == ["p1"]
    assert store.neighbourhood("nope").nodes == []


def test_clear_empties_the_store(store: GraphStore) -> None:
    _small(store)
    store.clear()
    assert sum(store.stats().nodes.values()) == 0 and sum(store.stats().edges.values()) == 0


def test_cypher_is_read_only_and_parameterised(store: GraphStore) -> None:
    _small(store)
    rows = store.run_cypher("MATCH (p:Paper {id: $id}) RETURN p.title AS title", {"id": "p2"})
    assert rows == [{"title": "Two"}]
    with pytest.raises(ReadOnlyError, match="CREATE"):
        store.run_cypher("CREATE (:Paper {id: $id})", {"id": "p3"})
    with pytest.raises(StoreError) as err:
        store.run_cypher("MATCH (n RETURN n", {})
    assert "\n" not in str(err.value)
    assert store.stats().nodes["Paper"] == 2


# -- naming a store ---------------------------------------------------------------------------


def test_store_specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert store_kind(f"nx:{tmp_path}/g.json") == ("nx", f"{tmp_path}/g.json")
    assert store_kind(tmp_path / "g.json") == ("nx", str(tmp_path / "g.json"))
    assert store_kind("neo4j+s://abc.databases.neo4j.io") == ("neo4j", "neo4j+s://abc.databases.neo4j.io")
    assert store_kind(None) == ("nx", str(Path("kg-data") / "graph.json"))
    monkeypatch.setenv("KG_GRAPH", str(tmp_path / "env.json"))
    assert store_kind(None) == ("nx", str(tmp_path / "env.json"))
    monkeypatch.setenv("KG_STORE", "bolt://localhost:7687")
    assert store_kind(None) == ("neo4j", "bolt://localhost:7687")
    with pytest.raises(StoreError, match="unknown store scheme 'http'"):
        open_store("http://localhost:7474")
    with pytest.raises(StoreError, match="KG_NEO4J_PASSWORD") as err:
        open_store("bolt://neo4j:hunter2@localhost:7687")
    assert "hunter2" not in str(err.value)
