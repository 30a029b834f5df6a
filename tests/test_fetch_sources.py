"""``kg fetch hf`` and ``kg fetch arxiv`` against the replay server: the right requests in the
right order, pagination to the end, raw files exactly as sent, only the asked categories
ingested, and bad responses or arguments as one line with nothing ingested."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_replay import (
    DAYS,
    REPLAY,
    ReplayServer,
    Reply,
    fetch_env,
    hf_body,
    oai_first_query,
    oai_pages,
    oai_queries,
    serve_recorded,
)
from typer.testing import CliRunner

from kg.cli.main import app

runner = CliRunner()
WANTED = {"cs.CL", "cs.CV"}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[ReplayServer]:
    """A replay server the fetchers point at; the test runs in ``tmp_path`` (graph: ./kg-data)."""
    with ReplayServer() as running:
        for name, value in fetch_env(running).items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        yield running


def kg(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _graph() -> dict[str, object]:
    return json.loads(Path("kg-data/graph.json").read_text(encoding="utf-8"))


def _papers() -> dict[str, dict[str, object]]:
    graph = _graph()
    nodes = graph["nodes"]
    assert isinstance(nodes, list)
    return {n["arxiv_id"]: n for n in nodes if n.get("label") == "Paper"}


def test_fetch_hf_one_request_per_day_raw_kept_and_ingested(server: ReplayServer) -> None:
    serve_recorded(server)
    code, out, err = kg("fetch", "hf", "--since", DAYS[0], "--until", DAYS[-1], "--format", "json")
    assert code == 0, err
    assert [(r.path, r.query) for r in server.log] == [("/api/daily_papers", {"date": d}) for d in DAYS]
    report = json.loads(out)
    assert [(d["day"], d["status"]) for d in report["days"]] == [
        ("2026-05-04", "ingested"),
        ("2026-05-05", "ingested"),
        ("2026-05-06", "nothing listed"),
        ("2026-05-07", "ingested"),
    ]
    for day in DAYS:
        assert Path(f"kg-data/raw/hf/{day}.json").read_bytes() == hf_body(day)
    listed = {item["paper"]["id"] for day in DAYS for item in json.loads(hf_body(day))}
    assert set(_papers()) == listed
    assert "kg: hf 2026-05-06: 0 records, nothing listed" in err
    # ingested exactly as `kg ingest` ingests the kept files, day by day
    for day in (DAYS[0], DAYS[1], DAYS[3]):
        assert kg("ingest", "--graph", "by-hand.json", f"kg-data/raw/hf/{day}.json")[0] == 0
    assert Path("by-hand.json").read_bytes() == Path("kg-data/graph.json").read_bytes()


def test_fetch_arxiv_follows_resumption_tokens_and_keeps_only_the_categories(
    server: ReplayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_ARXIV_INTERVAL", "0.2")
    serve_recorded(server)
    code, _, err = kg(
        "fetch", "arxiv", "-c", "cs.CL", "--category", "cs.CV", "--since", DAYS[0], "--until", DAYS[-1]
    )
    assert code == 0, err
    assert [r.query for r in server.log] == [q for day in DAYS for q in oai_queries(day)]
    assert all(r.path == "/oai" for r in server.log)
    assert len(server.log) == 8  # 2 + 2 + 1 (no records) + 3 pages
    arrivals = [r.at for r in server.log]
    assert all(b - a >= 0.15 for a, b in itertools.pairwise(arrivals))  # spaced by KG_ARXIV_INTERVAL
    for day in DAYS:
        kept = sorted(Path(f"kg-data/raw/arxiv/{day}").iterdir())
        assert [p.read_bytes() for p in kept] == [p.read_bytes() for p in oai_pages(day)]
    papers = _papers()
    assert papers, "nothing ingested"
    assert all(WANTED & set(p["categories"]) for p in papers.values())
    recorded = {
        arxiv_id
        for page in (REPLAY / "oai").glob("*.xml")
        for arxiv_id, cats in _ids_and_categories(page.read_text(encoding="utf-8"))
        if WANTED & set(cats)
    }
    assert set(papers) == recorded
    assert not Path("kg-data/listings/arxiv/2026-05-06.xml").exists()


def _ids_and_categories(text: str) -> list[tuple[str, list[str]]]:
    import re

    return [
        (m.group(1), m.group(2).split())
        for m in re.finditer(r"<id>([^<]+)</id>.*?<categories>([^<]+)</categories>", text, re.DOTALL)
    ]


def test_retry_after_and_429_inside_a_harvest(server: ReplayServer) -> None:
    day = DAYS[0]
    queries = oai_queries(day)
    pages = [p.read_bytes() for p in oai_pages(day)]
    server.add("/oai", queries[0], Reply(b"", 503, {"Retry-After": "1"}), Reply(pages[0]))
    server.add("/oai", queries[1], Reply(b"", 429), Reply(pages[1]))
    code, _, err = kg("fetch", "arxiv", "-c", "cs.CL", "--date", day)
    assert code == 0, err
    assert [r.query for r in server.log] == [queries[0], queries[0], queries[1], queries[1]]
    arrivals = [r.at for r in server.log]
    assert arrivals[1] - arrivals[0] >= 0.9  # waited out Retry-After: 1


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(b"<OAI-PMH><ListRecords><record>", 200), "not well-formed XML"),
        (Reply(b"<html><body>Service unavailable</body></html>", 200), "not an OAI-PMH document"),
        (
            Reply(
                b'<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
                b'<error code="badResumptionToken">expired</error></OAI-PMH>'
            ),
            "OAI-PMH error badResumptionToken: expired",
        ),
    ],
)
def test_a_bad_arxiv_page_ingests_nothing_and_keeps_the_raw_file(
    server: ReplayServer, reply: Reply, message: str
) -> None:
    serve_recorded(server, DAYS[:1])
    assert kg("fetch", "hf", "--date", DAYS[0])[0] == 0
    before = Path("kg-data/graph.json").read_bytes()
    day = DAYS[1]
    queries = oai_queries(day)
    server.add("/oai", queries[0], Reply(oai_pages(day)[0].read_bytes()))
    server.add("/oai", queries[1], reply)
    code, _, err = kg("fetch", "arxiv", "-c", "cs.CL", "--date", day)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0]
    assert "kg-data/raw/arxiv/2026-05-05/cs-002.xml" in lines[0]
    assert Path("kg-data/raw/arxiv/2026-05-05/cs-002.xml").read_bytes() == reply.body
    assert Path("kg-data/graph.json").read_bytes() == before
    state = json.loads(Path("kg-data/fetch/state.json").read_text())
    assert state["sources"].get("arxiv", {}).get("through") is None
    assert not any(key.startswith("listings/arxiv") for key in state["ingested"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<!doctype html><title>502</title>", "not JSON"),
        (b'{"error": "Invalid date"}', "not a list of daily papers"),
        (b'[{"title": "no paper object"}]', 'item 1 of the Hugging Face response has no "paper" object'),
        (b'[{"paper": {"id": "2605.00022", "title": "cut sh', "not JSON"),
    ],
)
def test_a_bad_hf_response_ingests_nothing_and_keeps_the_raw_file(
    server: ReplayServer, body: bytes, message: str
) -> None:
    server.add("/api/daily_papers", {"date": DAYS[0]}, Reply(body))
    code, _, err = kg("fetch", "hf", "--date", DAYS[0])
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and message in err
    assert Path(f"kg-data/raw/hf/{DAYS[0]}.json").read_bytes() == body
    assert not Path("kg-data/graph.json").exists() or not _papers()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("fetch", "hf", "--date", "2026-13-01"), "--date '2026-13-01': not a date (expected YYYY-MM-DD)"),
        (("fetch", "hf", "--date", "May 4"), "--date 'May 4': not a date"),
        (
            ("fetch", "hf", "--since", "2026-05-07", "--until", "2026-05-04"),
            "--since 2026-05-07 is after --until",
        ),
        (("fetch", "hf", "--date", "2999-01-01"), "after today"),
        (("fetch", "hf"), "give --date DAY or --since DAY"),
        (("fetch", "hf", "--date", "2026-05-04", "--since", "2026-05-04"), "not both"),
        (
            ("fetch", "arxiv", "-c", "cs.XX", "--date", "2026-05-04"),
            "--category 'cs.XX': not an arXiv category",
        ),
        (
            ("fetch", "arxiv", "-c", "cs.cl", "-c", "physics.optic", "--date", "2026-05-04"),
            "did you mean physics.optics",
        ),
        (("update",), "no source saved"),
        (("update", "--until", "tomorrow"), "--until 'tomorrow': not a date"),
    ],
)
def test_bad_arguments_are_one_line_and_make_no_request(
    server: ReplayServer, args: tuple[str, ...], message: str
) -> None:
    code, _, err = kg(*args)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("kg: error: ") and message in err
    assert server.log == []


def test_archive_and_physics_categories_use_their_sets(server: ReplayServer) -> None:
    day = DAYS[2]
    server.add("/oai", oai_first_query(day, "cs"), Reply(oai_pages(day)[0].read_bytes()))
    server.add("/oai", oai_first_query(day, "physics:hep-th"), Reply(oai_pages(day)[0].read_bytes()))
    code, _, err = kg("fetch", "arxiv", "-c", "cs", "-c", "hep-th", "--date", day)
    assert code == 0, err
    assert [r.query["set"] for r in server.log] == ["cs", "physics:hep-th"]
