"""Views in a real browser: headless Chromium (Debian package ``chromium``) opens generated pages
with networking disabled and reports, over the DevTools protocol, whether the graph drew, the
console errors, every request the page attempted, and whether hostile data ran.

Never skipped: without Chromium these tests fail and say how to install it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from query_helpers import MINIPLM, MINIPLM_TITLE
from test_view import HOSTILE_ID, HOSTILE_TITLE, hostile_graph

from kg.store.nx_store import NetworkXStore
from kg.view import select_view, write_html
from kg.view.headless import INSTALL_HINT, HeadlessChromium, PageReport, find_chromium

pytestmark = pytest.mark.browser

PHYSICS_ON = "window.kgView.network.physics.physicsEnabled"
TOOLTIP = """(function () {
  var tip = document.querySelector('div.vis-tooltip');
  return tip ? {visible: tip.style.visibility === 'visible', text: tip.textContent,
                elements: tip.querySelectorAll('img, script, svg, iframe, [onerror], [onload]').length} : null;
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[HeadlessChromium]:
    if find_chromium() is None:
        pytest.fail(f"headless Chromium is needed for the view tests: {INSTALL_HINT}")
    with HeadlessChromium() as chromium:
        yield chromium


def assert_clean(report: PageReport, page: Path) -> None:
    """The page drew, made no request but for itself, logged no error and opened no dialog."""
    assert report.ready, f"the graph did not finish drawing: {report}"
    assert report.console_errors == []
    assert report.external_requests == []
    assert report.requests == [page.resolve().as_uri()]
    assert report.dialogs == []


def test_a_paper_view_draws_offline_with_no_error_and_no_request(
    browser: HeadlessChromium, ingested: Path, tmp_path: Path
) -> None:
    view = select_view(NetworkXStore(ingested, create=False), paper=MINIPLM)
    page = Path(write_html(view, str(tmp_path / "paper.html")))
    report = browser.open(
        page,
        hover=MINIPLM,
        expressions={
            "physics": PHYSICS_ON,
            "tooltip": TOOLTIP,
            "search": """(function () {
                document.getElementById('kg-search').value = 'knowledge distillation';
                document.getElementById('kg-search-form').requestSubmit();
                return window.kgView.network.getSelectedNodes();
            })()""",
            "hidden": """(function () {
                document.querySelector('input[data-kind="Method"]').click();
                return window.kgView.network.body.data.nodes.get({filter: function (n) { return n.hidden; }})
                    .map(function (n) { return n.kind; });
            })()""",
        },
    )
    assert_clean(report, page)
    assert report.node_count == len(view.nodes) > 10  # hubs collapsed: the papers sharing methods
    assert report.drawn_pixels > 2000  # the canvas is not blank
    assert report.title.startswith(f"Paper: {MINIPLM_TITLE}")
    assert report.values["physics"] is False  # the layout settled and the physics stopped
    tooltip = report.values["tooltip"]
    assert tooltip["visible"] and MINIPLM_TITLE in tooltip["text"]
    assert "method:knowledge-distillation" in report.values["search"]
    methods = sum(1 for node in view.nodes if node.label.value == "Method")
    assert report.values["hidden"] == ["Method"] * methods


def test_a_hostile_title_shows_as_text_and_runs_nothing(browser: HeadlessChromium, tmp_path: Path) -> None:
    store = NetworkXStore(hostile_graph(tmp_path / "hostile.json"), create=False)
    view = select_view(store, paper=HOSTILE_ID)
    page = Path(write_html(view, str(tmp_path / "hostile.html")))
    report = browser.open(
        page,
        hover=HOSTILE_ID,
        expressions={
            "pwned": "window.kgPwned === undefined ? null : window.kgPwned",
            "heading": "document.getElementById('kg-heading').textContent",
            "injected": "document.querySelectorAll('img, svg, iframe, [onerror], [onload], [onmouseover]').length",
            "tooltip": TOOLTIP,
        },
    )
    assert_clean(report, page)  # an <img src=x> that ran would also have requested file:///…/x
    assert report.title == f"Paper: {HOSTILE_TITLE} — paper-kg"  # not 'pwned'
    assert report.values["pwned"] is None
    assert report.values["heading"] == f"Paper: {HOSTILE_TITLE}"
    assert report.values["injected"] == 0
    tooltip = report.values["tooltip"]
    assert tooltip["visible"] and HOSTILE_TITLE in tooltip["text"] and tooltip["elements"] == 0


def test_a_300_node_view_settles_and_stops(browser: HeadlessChromium, ingested: Path, tmp_path: Path) -> None:
    view = select_view(
        NetworkXStore(ingested, create=False), entity="knowledge distillation", hops=4, papers=True
    )
    assert len(view.nodes) == 300 and view.note
    page = Path(write_html(view, str(tmp_path / "big.html")))
    still = """(function () {
        var before = JSON.stringify(window.kgView.network.getPositions());
        return new Promise(function (done) {
            setTimeout(function () { done(before === JSON.stringify(window.kgView.network.getPositions())); }, 500);
        });
    })()"""
    report = browser.open(
        page,
        expressions={
            "physics": PHYSICS_ON,
            "note": "document.getElementById('kg-note').textContent",
            "still": still,
        },
    )
    assert_clean(report, page)
    assert report.node_count == 300 and report.drawn_pixels > 2000
    assert report.values["physics"] is False
    assert report.values["note"] == view.note
    assert report.values["still"] is True  # no node moves any more


# -- readable labels: no two label boxes overlap, measured in the page -----------------------------

OVERLAPPING = """(function () {
  var boxes = window.kgView.labelBoxes(), pairs = 0;
  for (var i = 0; i < boxes.length; i++) {
    for (var j = i + 1; j < boxes.length; j++) {
      var a = boxes[i], b = boxes[j];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { pairs++; }
    }
  }
  return {shown: boxes.length, overlapping: pairs, ids: boxes.map(function (box) { return box.id; })};
})()"""
ZOOM_IN = """(function () {
  var network = window.kgView.network;
  network.moveTo({scale: network.getScale() * 3, animation: false});
  window.kgView.declutter();
  return true;
})()"""
DPO = "method:direct-preference-optimization"


def big_graph(path: Path, papers: int = 2000, dpo_papers: int = 174) -> NetworkXStore:
    """A 2,000-paper graph with the sample's real titles and entity names (written through the
    store's one write path): ``dpo_papers`` papers use direct preference optimization, every paper
    uses, evaluates on and addresses a few of the sample's methods, datasets and tasks."""
    import random

    from kg.model import Label, RelType
    from kg.sample import sample_paths
    from kg.store.nx_store import NetworkXStore as Store

    sample = Store(None)
    from kg.build import ingest

    ingest(sample, sample_paths()[:2], listing_year=2026)
    titles = sorted(str(n.props["title"]) for n in sample.iter_nodes(Label.PAPER))
    pools = {
        label: sorted((n.id, str(n.props["name"])) for n in sample.iter_nodes(label) if n.id != DPO)
        for label in (Label.METHOD, Label.DATASET, Label.TASK)
    }
    rng = random.Random(14)
    store = Store(path)
    store.upsert_nodes(
        Label.METHOD, [{"id": DPO, "name": "direct preference optimization", "aliases": ["DPO"]}]
    )
    for label, pool in pools.items():
        store.upsert_nodes(label, [{"id": i, "name": name, "aliases": []} for i, name in pool])
    rows, uses, evaluates, addresses = [], [], [], []
    for number in range(papers):
        paper_id = f"2503.{number:05d}"
        title = f"{rng.choice(titles)} ({number})"
        rows.append(
            {
                "id": paper_id,
                "arxiv_id": paper_id,
                "title": title,
                "published": f"2025-{1 + number % 12:02d}-01",
            }
        )
        chosen = rng.sample(pools[Label.METHOD], 3)
        uses += [(paper_id, m, {"role": "used", "evidence": f"We use {name}."}) for m, name in chosen]
        if number < dpo_papers:
            uses.append((paper_id, DPO, {"role": "used", "evidence": "We align it with DPO."}))
        evaluates += [(paper_id, d, {"role": "used"}) for d, _ in rng.sample(pools[Label.DATASET], 1)]
        addresses += [(paper_id, t, {}) for t, _ in rng.sample(pools[Label.TASK], 2)]
    store.upsert_nodes(Label.PAPER, rows)
    store.upsert_edges(RelType.USES, uses)
    store.upsert_edges(RelType.EVALUATES_ON, evaluates)
    store.upsert_edges(RelType.ADDRESSES, addresses)
    store.commit()
    return store


def test_the_demo_view_shows_the_shared_methods_with_readable_labels(
    browser: HeadlessChromium, ingested: Path, tmp_path: Path
) -> None:
    from query_helpers import KD_PAPERS

    view = select_view(NetworkXStore(ingested, create=False), paper=MINIPLM)  # what kg demo draws
    assert set(KD_PAPERS) <= {n.id for n in view.nodes} and "task:language-modeling" in view.hubs
    page = Path(write_html(view, str(tmp_path / "demo.html")))
    report = browser.open(page, expressions={"labels": OVERLAPPING, "zoom": ZOOM_IN, "zoomed": OVERLAPPING})
    assert_clean(report, page)
    labels = report.values["labels"]
    assert labels["overlapping"] == 0 and MINIPLM in labels["ids"]
    assert labels["shown"] >= len(view.nodes) // 2  # most labels fit at the default zoom
    assert report.values["zoomed"]["overlapping"] == 0
    assert report.values["zoomed"]["shown"] >= labels["shown"]


def test_an_entity_view_on_2000_papers_is_an_overview_with_readable_labels(
    browser: HeadlessChromium, tmp_path: Path
) -> None:
    store = big_graph(tmp_path / "big.json")
    overview = select_view(store, entity="DPO")
    assert overview.heading == "Method: direct preference optimization (174 papers)"
    assert len(overview.nodes) <= 61 and not any(n.label.value == "Paper" for n in overview.nodes)
    assert all(len(link.papers) >= 1 for link in overview.links)
    star = select_view(store, entity="DPO", hops=1, papers=True)
    assert len(star.nodes) == 175  # the paper-level star, on request
    for name, view in (("overview", overview), ("star", star)):
        page = Path(write_html(view, str(tmp_path / f"{name}.html")))
        report = browser.open(
            page, expressions={"labels": OVERLAPPING, "zoom": ZOOM_IN, "zoomed": OVERLAPPING}
        )
        assert_clean(report, page)
        labels, zoomed = report.values["labels"], report.values["zoomed"]
        assert labels["overlapping"] == 0 and zoomed["overlapping"] == 0, name
        assert DPO in labels["ids"], name  # the centre is always labelled
        assert labels["shown"] >= (20 if name == "overview" else 5), name
        if name == "star":  # 175 nodes: labels appear on zoom
            assert labels["shown"] < len(view.nodes) and zoomed["shown"] > labels["shown"]
