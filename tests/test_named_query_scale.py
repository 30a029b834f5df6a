"""Named queries on a synthetic graph of a few thousand papers (bench_neo4j_load's, resampled from
the sample corpus, with shared authors and model families): many equally short paths and large overlaps, which the
sample graph alone does not exercise. Both stores give the same rows, and ``connection`` finds a
real shortest path."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
from store_helpers import Neo4jTarget

from kg.query.named import run_named_query
from kg.store.nx_store import NetworkXStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_embedded_cypher import add_families
from bench_neo4j_load import corpus, load, synthesise

PAPERS = 2000

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def graphs(neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """The same synthetic graph in a graph file and in the session's Neo4j."""
    nodes, edges = synthesise(corpus(), PAPERS, seed=5)
    add_families(nodes, edges, seed=5)
    embedded = NetworkXStore(tmp_path_factory.mktemp("scale") / "graph.json")
    load(embedded, nodes, edges)
    neo = neo4j_target.open()
    neo.clear()
    load(neo, nodes, edges)
    yield embedded, neo
    neo.clear()
    neo.close()


def _papers(store: NetworkXStore, count: int, seed: int) -> list[str]:
    ids = sorted(n for n, label in store.graph.nodes(data="label") if label == "Paper")
    return random.Random(seed).sample(ids, count)


def test_connection_is_a_shortest_path_and_the_same_on_both_stores(graphs: tuple) -> None:
    embedded, neo = graphs
    undirected = embedded.graph.to_undirected(as_view=True)
    papers = _papers(embedded, 40, seed=11)
    for paper, other in zip(papers[::2], papers[1::2], strict=True):
        params = {"paper": paper, "other": other}
        rows = run_named_query(embedded, "connection", params)
        assert rows == run_named_query(neo, "connection", params), params
        ids = [row["id"] for row in rows]
        assert ids[0] == paper and ids[-1] == other
        assert len(ids) - 1 == nx.shortest_path_length(undirected, paper, other)
        for row, (a, b) in zip(rows[1:], pairwise(ids), strict=True):
            linked = embedded.graph.get_edge_data(a, b) or embedded.graph.get_edge_data(b, a)
            assert linked and row["via"] in linked


@pytest.mark.parametrize("query", ["similar-papers", "shared-methods"])
def test_overlap_queries_are_the_same_on_both_stores(graphs: tuple, query: str) -> None:
    embedded, neo = graphs
    for paper in _papers(embedded, 10, seed=12):
        params = {"paper": paper, "limit": 25}
        assert run_named_query(embedded, query, params) == run_named_query(neo, query, params)


@pytest.mark.parametrize("kind", ["method", "dataset", "family", "task", "model", "metric"])
def test_top_entities_are_the_same_on_both_stores(graphs: tuple, kind: str) -> None:
    embedded, neo = graphs
    params = {"kind": kind, "limit": 50}
    assert run_named_query(embedded, "top-entities", params) == run_named_query(neo, "top-entities", params)
