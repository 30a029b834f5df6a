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
    assert report.node_count == len(view.nodes) > 20
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
    view = select_view(NetworkXStore(ingested, create=False), entity="knowledge distillation", hops=4)
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
