"""``kg export``: GraphML/GEXF/JSON reload with equal counts; CSV in neo4j-admin's layout."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from kg.cli import app
from kg.store.nx_store import NetworkXStore


def _export(graph: Path, fmt: str, out: Path) -> list[Path]:
    result = CliRunner().invoke(app, ["export", "--to", fmt, str(out), "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.stdout.splitlines()]


def test_graphml_and_gexf_reload_with_equal_counts(ingested: Path, tmp_path: Path) -> None:
    store = NetworkXStore(ingested)
    stats = store.stats()
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        (path,) = _export(ingested, fmt, tmp_path / fmt)
        graph = reader(path)
        assert graph.number_of_nodes() == sum(stats.nodes.values())
        assert graph.number_of_edges() == sum(stats.edges.values())
        types = Counter(attrs["type"] for _, attrs in graph.nodes(data=True))
        assert {k: v for k, v in stats.nodes.items() if v} == dict(types)


def _expected(store: NetworkXStore) -> tuple[dict[str, tuple[str, str]], Counter[tuple[str, str, str]]]:
    """Each node's (display name, type) and the multiset of (source, target, relationship type)."""
    names = {
        n: (str(a.get("title") or a.get("name") or n), a["label"]) for n, a in store.graph.nodes(data=True)
    }
    edges = Counter((s, t, k) for s, t, k in store.graph.edges(keys=True))
    return names, edges


def test_graphml_and_gexf_read_back_with_names_types_and_relationship_types(
    ingested: Path, tmp_path: Path
) -> None:
    names, edges = _expected(NetworkXStore(ingested))
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        (path,) = _export(ingested, fmt, tmp_path / fmt)
        graph = reader(path)
        assert {n: (a["label"], a["type"]) for n, a in graph.nodes(data=True)} == names, fmt
        read = Counter((s, t, a["relation"]) for s, t, a in graph.edges(data=True))
        assert read == edges, fmt
        assert all(a["label"] == a["relation"] for _, _, a in graph.edges(data=True))
        offsets = [a for _, _, a in graph.edges(data=True) if "char_start" in a]
        assert offsets and all("start" not in a and "end" not in a for _, _, a in graph.edges(data=True))
        assert graph.nodes["ad43a79fb4c8fc61"]["label"].startswith("MaskLLM: Learnable")
    text = (tmp_path / "gexf" / "graph.gexf").read_text(encoding="utf-8")
    assert 'mode="static"' in text and 'mode="dynamic"' not in text and " start=" not in text


def test_igraph_reads_the_graphml_with_names_types_and_relationship_types(
    ingested: Path, tmp_path: Path
) -> None:
    import igraph

    names, edges = _expected(NetworkXStore(ingested))
    (path,) = _export(ingested, "graphml", tmp_path)
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.is_directed() and graph.vcount() == len(names)
    assert {v["id"]: (v["label"], v["type"]) for v in graph.vs} == names
    ids = graph.vs["id"]
    assert Counter((ids[e.source], ids[e.target], e["relation"]) for e in graph.es) == edges


def test_json_export_is_the_graph_file(ingested: Path, tmp_path: Path) -> None:
    (path,) = _export(ingested, "json", tmp_path / "json")
    assert NetworkXStore(path).stats() == NetworkXStore(ingested).stats()


def test_csv_layout_for_neo4j_admin(ingested: Path, tmp_path: Path) -> None:
    files = {p.name: p for p in _export(ingested, "csv", tmp_path / "csv")}
    assert {"nodes_Paper.csv", "nodes_Repo.csv", "relationships_HAS_CODE.csv", "import.sh"} <= set(files)
    with files["nodes_Paper.csv"].open() as handle:
        papers = list(csv.DictReader(handle))
    assert len(papers) == 250
    header = list(papers[0])
    assert header[0] == "id:ID" and header[-1] == ":LABEL" and "upvotes:long" in header
    with files["relationships_HAS_CODE.csv"].open() as handle:
        rows = list(csv.DictReader(handle))
    ids = {p["id:ID"] for p in papers}
    assert rows and all(r[":START_ID"] in ids and r[":TYPE"] == "HAS_CODE" for r in rows)
    assert "--nodes=nodes_Paper.csv" in files["import.sh"].read_text()
