"""``kg view`` and kg.view: which nodes a view shows (paper, entity, query; hops; pruning; limits),
and the page it writes (escaped data, no external URL, legend, tooltips, notes), on the sample
graph and on a graph whose data is hostile HTML."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections import deque
from pathlib import Path
from typing import Any

import pytest
from query_helpers import ADOPTERS, KD_PAPERS, MASKLLM, MASKLLM_TITLE, MINIPLM, MINIPLM_TITLE, load_sample
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import NotFoundError
from kg.ids import normalise_title
from kg.model import Label, RelType
from kg.resolve_node import nodes_by_id, resolve_entity_node, resolve_paper_node
from kg.store.base import GraphStore
from kg.store.nx_store import NetworkXStore
from kg.view import FORCE_ABOVE, View, ViewError, prune, render_html, select_view
from kg.view.select import DEFAULT_MAX_NODES

runner = CliRunner()

HOSTILE_TITLE = "<img src=x onerror=\"document.title='pwned';window.kgPwned=1\"> Hostile Paper"
HOSTILE_ID = "2501.00001"
HOSTILE_METHOD = "<script>window.kgPwned=2</script>Net"
HOSTILE_EVIDENCE = (
    "We propose <b onmouseover=alert(1)>ScriptNet</b> & friends </script><script>alert(2)</script>."
)
HOSTILE_ALIAS = "<svg onload=alert(3)>"
EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.\-]*:)?//""", re.IGNORECASE
)


def hostile_graph(path: Path) -> Path:
    """A small graph whose titles, names, aliases and evidence are HTML meant to run."""
    store = NetworkXStore(path)
    store.upsert_nodes(
        Label.PAPER,
        [
            {
                "id": HOSTILE_ID,
                "arxiv_id": HOSTILE_ID,
                "title": HOSTILE_TITLE,
                "title_key": normalise_title(HOSTILE_TITLE),
                "published": "2025-01-02",
                "upvotes": 7,
            },
            {
                "id": "2501.00002",
                "arxiv_id": "2501.00002",
                "title": "A Calm Paper",
                "title_key": "a calm paper",
            },
        ],
    )
    store.upsert_nodes(
        Label.METHOD,
        [
            {"id": "method:scriptnet", "name": HOSTILE_METHOD, "aliases": [HOSTILE_ALIAS]},
            {"id": "method:attention", "name": "attention", "aliases": ["self-attention"]},
        ],
    )
    store.upsert_nodes(
        Label.REPO,
        [{"id": "repo:github.com/x/y", "name": "https://github.com/x/y", "url": "https://github.com/x/y"}],
    )
    evidence = {"evidence": HOSTILE_EVIDENCE, "confidence": 0.6, "extractor": "kg_coined"}
    store.upsert_edges(RelType.PROPOSES, [(HOSTILE_ID, "method:scriptnet", {**evidence, "role": "proposed"})])
    store.upsert_edges(
        RelType.USES,
        [
            (
                HOSTILE_ID,
                "method:attention",
                {"evidence": "We use attention.", "role": "used", "confidence": 0.8},
            ),
            (
                "2501.00002",
                "method:attention",
                {"evidence": "Attention again.", "role": "used", "confidence": 0.8},
            ),
        ],
    )
    store.upsert_edges(
        RelType.HAS_CODE, [(HOSTILE_ID, "repo:github.com/x/y", {"evidence": "Code: https://github.com/x/y"})]
    )
    store.commit()
    store.close()
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> NetworkXStore:
    return NetworkXStore(hostile_graph(tmp_path / "hostile.json"), create=False)


@pytest.fixture
def sample_store(ingested: Path) -> NetworkXStore:
    return NetworkXStore(ingested, create=False)


def page_data(page: str) -> dict[str, Any]:
    """The JSON the page draws (nodes, edges, options), as the page's script reads it."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert match, "the page has no data block"
    return json.loads(match.group(1))  # \u003c escapes decode back to the text


def kg(*args: object, **env: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env=env or None)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def connected_from(view: View) -> set[str]:
    """The nodes of a view reachable from its centres along its edges (either direction)."""
    adjacent: dict[str, set[str]] = {node.id: set() for node in view.nodes}
    for edge in view.edges:
        adjacent[edge.source].add(edge.target)
        adjacent[edge.target].add(edge.source)
    seen, queue = set(view.centres), deque(view.centres)
    while queue:
        for other in adjacent[queue.popleft()] - seen:
            seen.add(other)
            queue.append(other)
    return seen


# -- naming the paper or entity -------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        MINIPLM,
        MINIPLM_TITLE,
        MINIPLM_TITLE.upper(),
        f"  {MINIPLM_TITLE.lower()}  ",
    ],
)
def test_a_paper_is_named_by_id_or_exact_title(sample_store: NetworkXStore, ref: str) -> None:
    assert resolve_paper_node(sample_store, ref).id == MINIPLM


@pytest.mark.parametrize(
    "ref",
    [
        HOSTILE_ID,
        f"{HOSTILE_ID}v3",
        f"arXiv:{HOSTILE_ID}v1",
        f"https://arxiv.org/abs/{HOSTILE_ID}v2",
        f"https://huggingface.co/papers/{HOSTILE_ID}",
        HOSTILE_TITLE.upper(),
    ],
)
def test_a_paper_is_named_by_arxiv_id_with_or_without_version_or_url(
    hostile: NetworkXStore, ref: str
) -> None:
    assert resolve_paper_node(hostile, ref).id == HOSTILE_ID


def test_an_unknown_paper_is_a_not_found_error_suggesting_close_titles(sample_store: NetworkXStore) -> None:
    with pytest.raises(
        NotFoundError, match=r"no paper .*'MiniPLM: Knowledge Distillation'.*close: .*MiniPLM"
    ):
        resolve_paper_node(sample_store, "MiniPLM: Knowledge Distillation")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("knowledge distillation", "method:knowledge-distillation"),
        ("KNOWLEDGE DISTILLATION", "method:knowledge-distillation"),
        ("KD", "method:knowledge-distillation"),  # an alias
        ("method:knowledge-distillation", "method:knowledge-distillation"),
    ],
)
def test_an_entity_is_named_by_name_alias_or_id(
    sample_store: NetworkXStore, name: str, expected: str
) -> None:
    assert resolve_entity_node(sample_store, name).id == expected


def test_entities_of_every_kind_and_repos_by_url_resolve(
    sample_store: NetworkXStore, hostile: NetworkXStore
) -> None:
    for label in (Label.DATASET, Label.MODEL_FAMILY, Label.TASK, Label.REPO):
        node = next(sample_store.iter_nodes(label))
        assert resolve_entity_node(sample_store, str(node.props["name"])).id == node.id
    assert resolve_entity_node(hostile, "https://www.github.com/x/y.git").id == "repo:github.com/x/y"
    assert resolve_entity_node(hostile, "Self-Attention").id == "method:attention"
    assert resolve_entity_node(hostile, HOSTILE_ALIAS).id == "method:scriptnet"


def test_an_unknown_entity_is_a_not_found_error_suggesting_close_names(sample_store: NetworkXStore) -> None:
    with pytest.raises(
        NotFoundError,
        match=r"no method, dataset, model family, task, repo, model or metric named 'knowledge distilation'; close: knowledge distillation \(method\)",
    ):
        resolve_entity_node(sample_store, "knowledge distilation")


def test_query_values_that_are_node_ids_are_found_by_their_prefix(sample_store: NetworkXStore) -> None:
    found = nodes_by_id(
        sample_store, [MINIPLM, "method:knowledge-distillation", "not an id", "method:nope", "2026-01-01"]
    )
    assert sorted(found) == sorted([MINIPLM, "method:knowledge-distillation"])
    assert found[MINIPLM].label is Label.PAPER


# -- what a view shows ----------------------------------------------------------------------------


def test_a_paper_view_is_its_neighbourhood(sample_store: NetworkXStore) -> None:
    one = select_view(sample_store, paper=MINIPLM, hops=1)
    assert one.centres == [MINIPLM] and one.heading == f"Paper: {MINIPLM_TITLE}"
    near = sample_store.neighbourhood(MINIPLM, 1)  # without its concepts: a view walks named entities
    expected = {n.id for n in near.nodes if not n.id.startswith("concept:")}
    assert {n.id for n in one.nodes} == expected and any(n.id.startswith("concept:") for n in near.nodes)
    edges = [e for e in near.edges if e.source in expected and e.target in expected]
    assert len(one.edges) == len(edges) and not one.pruned and one.note is None
    two = select_view(sample_store, paper=MINIPLM)  # two hops by default
    assert {n.id for n in two.nodes} > {n.id for n in one.nodes}
    assert connected_from(two) == {n.id for n in two.nodes}


def test_an_entity_view_is_centred_on_the_entity(sample_store: NetworkXStore) -> None:
    view = select_view(sample_store, entity="KD", hops=1, papers=True)
    assert view.centres == ["method:knowledge-distillation"]
    assert view.heading == "Method: knowledge distillation"
    assert MINIPLM in {n.id for n in view.nodes}
    assert {e.type for e in view.edges} <= {RelType.PROPOSES, RelType.USES}


def test_a_view_larger_than_the_limit_keeps_the_most_connected_nodes_and_says_what_it_left_out(
    sample_store: NetworkXStore,
) -> None:
    full = select_view(sample_store, entity="knowledge distillation", hops=2, papers=True)
    assert full.total_nodes > 40
    view = select_view(sample_store, entity="knowledge distillation", hops=2, max_nodes=20, papers=True)
    assert len(view.nodes) == 20 and view.pruned and view.total_nodes == full.total_nodes
    assert view.centres == ["method:knowledge-distillation"]
    assert connected_from(view) == {n.id for n in view.nodes}  # grown outwards: no islands
    kept = {n.id for n in view.nodes}
    assert all(e.source in kept and e.target in kept for e in view.edges)
    assert sum(view.omitted.values()) == full.total_nodes - 20
    degree = {n.id: 0 for n in full.nodes}
    for edge in full.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    left_out = {n.id for n in full.nodes} - kept
    assert sum(degree[n] for n in kept) / len(kept) > 2 * sum(degree[n] for n in left_out) / len(left_out)
    next_to_centre = {e.source for e in full.edges if e.target == view.centres[0]}
    assert max(next_to_centre, key=lambda n: (degree[n], n)) in kept
    assert view.note is not None
    assert f"Showing 20 of {full.total_nodes} nodes" in view.note
    for label, count in view.omitted.items():
        assert f"{count} {label}" in view.note
    assert "--max-nodes" in view.note and "--force" in view.note


def test_pruning_breaks_ties_by_id_and_is_deterministic(sample_store: NetworkXStore) -> None:
    subgraph = sample_store.neighbourhood("method:knowledge-distillation", 2)
    first = prune(subgraph, ["method:knowledge-distillation"], 15)
    again = prune(subgraph, ["method:knowledge-distillation"], 15)
    assert [n.id for n in first.nodes] == [n.id for n in again.nodes]
    assert [n.label for n in first.nodes] == sorted((n.label for n in first.nodes), key=list(Label).index)


def test_the_limits_are_300_nodes_by_default_and_2000_without_force(sample_store: NetworkXStore) -> None:
    assert DEFAULT_MAX_NODES == 300 and FORCE_ABOVE == 2000
    with pytest.raises(ViewError, match="use --force"):
        select_view(sample_store, paper=MINIPLM, max_nodes=2001)
    assert select_view(sample_store, paper=MINIPLM, max_nodes=2001, force=True).nodes
    assert len(select_view(sample_store, paper=MINIPLM, max_nodes=FORCE_ABOVE).nodes) > 1
    with pytest.raises(ViewError, match="hops"):
        select_view(sample_store, paper=MINIPLM, hops=9)
    with pytest.raises(ViewError, match="exactly one"):
        select_view(sample_store)
    with pytest.raises(ViewError, match="exactly one"):
        select_view(sample_store, paper=MINIPLM, entity="KD")


def test_a_default_view_of_a_big_neighbourhood_stops_at_300_nodes(sample_store: NetworkXStore) -> None:
    view = select_view(sample_store, entity="knowledge distillation", hops=4, papers=True)
    assert view.total_nodes > DEFAULT_MAX_NODES
    assert len(view.nodes) == DEFAULT_MAX_NODES and view.note


def test_a_query_view_shows_the_nodes_in_its_rows_and_its_parameters(sample_store: NetworkXStore) -> None:
    from kg.query.named import run_named_query

    rows = run_named_query(sample_store, "shared-methods", {"paper": MINIPLM_TITLE})
    view = select_view(sample_store, query="shared-methods", params={"paper": MINIPLM_TITLE}, hops=0)
    ids = {n.id for n in view.nodes}
    assert ids == {MINIPLM, *(row["paper"] for row in rows)}
    assert view.centres[0] in ids and view.heading == f"Query shared-methods (paper={MINIPLM_TITLE})"
    wider = select_view(sample_store, query="shared-methods", params={"paper": MINIPLM_TITLE}, hops=1)
    assert "method:knowledge-distillation" in {n.id for n in wider.nodes}
    kept = {n.id for n in wider.nodes}
    assert all(e.source in kept and e.target in kept for e in wider.edges) and wider.edges


def test_a_method_adopters_view_shows_proposers_and_adopters(tmp_path: Path) -> None:
    from kg.build import ingest
    from kg.query.named import run_named_query

    store = NetworkXStore(tmp_path / "graph.json")
    ingest(store, [ADOPTERS])
    rows = run_named_query(store, "method-adopters", {"method": "FlowPrune"})
    assert rows
    view = select_view(store, query="method-adopters", params={"method": "FlowPrune"}, hops=0)
    ids = {n.id for n in view.nodes}
    assert {row["proposer"] for row in rows} | {row["paper"] for row in rows} | {"method:flowprune"} == ids
    assert {(e.type, e.target) for e in view.edges} >= {(RelType.PROPOSES, "method:flowprune")}


def test_a_query_that_finds_no_node_is_a_not_found_error(sample_store: NetworkXStore) -> None:
    with pytest.raises(NotFoundError, match="found no node"):
        select_view(sample_store, query="top-entities", params={"kind": "metric", "since": "2099"})


@pytest.fixture
def neo4j_sample(neo4j_target: Neo4jTarget, ingested: Path) -> GraphStore:
    store = neo4j_target.open()
    load_sample(store, ingested)
    return store


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "target",
    [
        {"paper": MASKLLM_TITLE},
        {"entity": "KD", "hops": 1},
        {"entity": "knowledge distillation", "max_nodes": 25},
        {"query": "shared-methods", "params": {"paper": MASKLLM}, "hops": 1},
    ],
)
def test_views_of_neo4j_and_of_the_embedded_store_are_the_same(
    neo4j_sample: GraphStore, sample_store: NetworkXStore, target: dict[str, Any]
) -> None:
    try:
        embedded, neo = select_view(sample_store, **target), select_view(neo4j_sample, **target)
    finally:
        neo4j_sample.close()
    assert [n.id for n in neo.nodes] == [n.id for n in embedded.nodes]
    assert sorted((e.type, e.source, e.target) for e in neo.edges) == sorted(
        (e.type, e.source, e.target) for e in embedded.edges
    )
    assert (neo.note, neo.heading, neo.centres) == (embedded.note, embedded.heading, embedded.centres)
    assert render_html(neo) == render_html(embedded)


# -- the page -------------------------------------------------------------------------------------


def test_the_page_is_self_contained_with_no_external_url(sample_store: NetworkXStore) -> None:
    page = render_html(select_view(sample_store, paper=MINIPLM))
    assert page.startswith("<!DOCTYPE html>")
    assert not EXTERNAL.findall(page)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page)
    # No Bootstrap or Tom Select library (pyvis's defaults); a paper title may say "Bootstrapping".
    assert not re.search(r"bootstrap(?:\.min)?\.(?:css|js)|bootstrap@|tom-select", page.lower())
    assert "vis.Network" in page and len(page) > 300_000  # vis-network itself is inline
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "default-src 'none'" in policy.group(1) and "unsafe-eval" not in policy.group(1)
    assert "'unsafe-inline'" not in policy.group(1).split("style-src")[0]  # scripts only by hash


def test_the_layout_settles_in_a_bounded_number_of_iterations_then_physics_stops(
    sample_store: NetworkXStore,
) -> None:
    page = render_html(select_view(sample_store, paper=MINIPLM))
    physics = page_data(page)["options"]["physics"]
    assert physics["enabled"] and physics["stabilization"]["enabled"]
    assert physics["stabilization"]["iterations"] <= 200
    assert 'once("stabilizationIterationsDone"' in page and "physics: { enabled: false }" in page
    assert page_data(page)["options"]["edges"]["smooth"] is False


def test_every_text_from_the_data_is_escaped(hostile: NetworkXStore) -> None:
    view = select_view(hostile, paper=HOSTILE_ID)
    page = render_html(view)
    for raw in (
        HOSTILE_TITLE,
        HOSTILE_METHOD,
        HOSTILE_EVIDENCE,
        HOSTILE_ALIAS,
        "<img src=x",
        "<script>window",
        "<svg",
    ):
        assert raw not in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;" in page  # the heading, as text
    data = page_data(page)
    node = next(n for n in data["nodes"] if n["id"] == HOSTILE_ID)
    assert node["name"] == HOSTILE_TITLE  # raw text, set with textContent/value only
    assert node["label"].startswith("<img")  # drawn on the canvas as text
    assert "<img" not in node["title"] and "&lt;img src=x onerror" in node["title"]
    method = next(n for n in data["nodes"] if n["id"] == "method:scriptnet")
    assert "&lt;script&gt;window.kgPwned=2&lt;/script&gt;Net" in method["title"]
    assert "&lt;svg onload=alert(3)&gt;" in method["title"]
    assert (
        "&lt;b onmouseover=alert(1)&gt;ScriptNet&lt;/b&gt; &amp; friends &lt;/script&gt;" in method["title"]
    )
    edge = next(e for e in data["edges"] if e["to"] == "method:scriptnet")
    assert "<b onmouseover" not in edge["title"] and "&lt;/script&gt;&lt;script&gt;alert(2)" in edge["title"]
    # The only markup in a tooltip is paper-kg's own.
    for item in [*data["nodes"], *data["edges"]]:
        assert set(re.findall(r"</?([a-z]+)", item["title"])) <= {"b", "br", "i"}


def test_a_marker_inside_the_data_stays_text(tmp_path: Path) -> None:
    store = NetworkXStore(tmp_path / "g.json")
    pages = []
    for number, title in enumerate(("@@VIS_JS@@ and @@DATA@@", "abcdefghij and klmnopqr")):
        store.upsert_nodes(
            Label.PAPER, [{"id": f"p{number}", "title": title, "title_key": normalise_title(title)}]
        )
        pages.append(render_html(select_view(store, paper=f"p{number}", hops=0)))
        assert page_data(pages[-1])["nodes"][0]["name"] == title
    assert abs(len(pages[0]) - len(pages[1])) < 50  # the library was inserted once, not into the title


def test_the_page_has_a_legend_search_filters_and_tooltips(sample_store: NetworkXStore) -> None:
    view = select_view(sample_store, paper=MASKLLM, hops=1)
    page = render_html(view)
    labels = {n.label.value for n in view.nodes}
    assert labels >= {"Paper", "Method", "Model", "Repo"}
    for label in labels:
        assert f'data-kind="{label}"' in page
    for rel in {e.type.value for e in view.edges}:
        assert f'data-relation="{rel}"' in page
    assert 'id="kg-search"' in page and 'id="kg-names"' in page
    data = page_data(page)
    paper = next(n for n in data["nodes"] if n["id"] == MASKLLM)
    assert MASKLLM_TITLE in paper["title"] and "date 20" in paper["title"]
    assert paper["borderWidth"] == 3 and paper["size"] > 20  # the centre
    shapes = {n["kind"]: (n["shape"], n["color"]) for n in data["nodes"]}
    assert len(set(shapes.values())) == len(shapes)  # every type looks different
    uses = next(e for e in data["edges"] if e["label"] == "USES")
    assert "(used" in uses["title"] and "“" in uses["title"]  # role and evidence sentence
    method = next(n for n in data["nodes"] if n["id"] == "method:maskllm")
    assert "PROPOSES (proposed)" in method["title"] and "MaskLLM" in method["title"]
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes[MASKLLM] == max(sizes.values())


def test_a_pruned_page_says_what_it_left_out(sample_store: NetworkXStore) -> None:
    view = select_view(sample_store, entity="knowledge distillation", max_nodes=12, papers=True)
    page = render_html(view)
    assert view.note and '<p id="kg-note" role="status">Showing 12 of ' in page
    assert "12 nodes" in page
    assert len(page_data(page)["nodes"]) == 12
    assert 'id="kg-note"' not in render_html(select_view(sample_store, paper=MINIPLM, hops=1))


# -- kg view --------------------------------------------------------------------------------------


def test_kg_view_writes_the_page(ingested: Path, tmp_path: Path) -> None:
    out = tmp_path / "views" / "miniplm.html"
    code, stdout, stderr = kg("view", "--paper", MINIPLM_TITLE, "-o", out, "--graph", ingested)
    assert code == 0, stderr
    assert stdout.startswith(f"{out}: ") and "nodes" in stdout
    assert stderr.startswith("kg: note: Collapsed 1 hub entity") and "language modeling (" in stderr
    assert stderr.count("\n") == 1
    assert MINIPLM_TITLE in out.read_text(encoding="utf-8")


# -- views that show the point: hubs collapsed, entity overviews ------------------------------------


def test_a_paper_view_collapses_hubs_and_keeps_the_papers_sharing_methods(
    sample_store: NetworkXStore,
) -> None:
    view = select_view(sample_store, paper=MINIPLM)
    full = select_view(sample_store, paper=MINIPLM, hub_papers=None)
    assert "task:language-modeling" in view.hubs and view.hubs["task:language-modeling"] > 10
    assert view.hub_note and "language modeling" in view.hub_note
    shown = {n.id for n in view.nodes}
    assert set(KD_PAPERS) <= shown  # every paper sharing knowledge distillation is there
    papers = {n.id for n in view.nodes if n.label is Label.PAPER} - {MINIPLM}
    methods = {e.target for e in sample_store.edges_of(MINIPLM) if e.type in (RelType.PROPOSES, RelType.USES)}
    sharing = {e.source for m in methods for e in sample_store.edges_of(m)}
    hub_only = {n.id for n in full.nodes if n.label is Label.PAPER} - sharing
    assert hub_only and not (papers & hub_only - {e.source for e in view.edges})
    assert len(view.nodes) < len(full.nodes) and "task:language-modeling" in shown
    assert connected_from(view) == shown


def test_an_entity_view_is_an_overview_of_the_entities_it_shares_papers_with(
    sample_store: NetworkXStore,
) -> None:
    view = select_view(sample_store, entity="knowledge distillation")
    assert view.centres == ["method:knowledge-distillation"] and view.edges == []
    assert view.heading == "Method: knowledge distillation (9 papers)"
    assert {n.label for n in view.nodes} - {Label.METHOD} and not any(
        n.label is Label.PAPER for n in view.nodes
    )
    by_target = {link.target: link.papers for link in view.links}
    assert len(by_target) == len(view.nodes) - 1 and all(by_target.values())
    assert any(MINIPLM_TITLE in title for titles in by_target.values() for title in titles)
    page = render_html(view)
    assert "SHARED_PAPERS" in page and "shared paper" in page
    star = select_view(sample_store, entity="knowledge distillation", hops=1, papers=True)
    assert MINIPLM in {n.id for n in star.nodes}


def test_kg_view_says_on_stderr_what_it_left_out(ingested: Path, tmp_path: Path) -> None:
    out = tmp_path / "kd.html"
    code, stdout, stderr = kg(
        "view", "--entity", "KD", "--max-nodes", "10", "--papers", "-o", out, "--graph", ingested
    )
    assert code == 0
    assert stderr.startswith("kg: note: Showing 10 of ") and stderr.count("\n") == 1
    assert "10 nodes" in stdout


def test_kg_view_runs_a_named_query(ingested: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.html"
    code, stdout, stderr = kg(
        "view",
        "--query",
        "shared-methods",
        "-p",
        f"paper={MINIPLM}",
        "-p",
        "k=2",
        "--hops",
        "0",
        "-o",
        out,
        "--graph",
        ingested,
    )
    assert code == 0, stderr
    assert stdout.startswith(f"{out}: ")
    assert "Query shared-methods (paper=" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "give exactly one of a paper, an entity or a query"),
        (["--paper", MINIPLM, "--entity", "KD"], 2, "give exactly one"),
        (
            ["--paper", "No Such Paper At All"],
            1,
            "no paper with id, arXiv id or title 'No Such Paper At All'",
        ),
        (["--entity", "knowledge distilation"], 1, "close: knowledge distillation (method)"),
        (["--query", "no-such-query"], 2, "no named query 'no-such-query'"),
        (["--paper", MINIPLM, "--max-nodes", "5000"], 2, "use --force"),
        (["--paper", MINIPLM, "--hops", "7"], 2, "hops must be between 0 and 5"),
    ],
)
def test_kg_view_errors_are_one_line(
    ingested: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    got, _, stderr = kg("view", *args, "-o", tmp_path / "x.html", "--graph", ingested)
    assert got == code
    assert stderr.startswith("kg: error: ") and message in stderr and stderr.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_kg_view_open_opens_the_page_in_the_browser(ingested: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = f"{shlex.quote(sys.executable)} -c 'import pathlib, sys; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])' {shlex.quote(str(opened))} %s"
    out = tmp_path / "p.html"
    code, _, stderr = kg(
        "view", "--paper", MINIPLM, "-o", out, "--open", "--graph", ingested, BROWSER=browser
    )
    assert code == 0, stderr
    assert opened.read_text() == out.resolve().as_uri()


def test_kg_help_lists_view_and_imports_no_pyvis() -> None:
    code, stdout, _ = kg("--help")
    assert code == 0 and "view" in stdout
    check = "import sys, kg.cli; print(sorted(m for m in ('pyvis', 'jinja2', 'websocket', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
