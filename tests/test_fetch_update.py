"""``kg update`` against the replay server: idempotent, resumable after a kill, locked against a
second run, and the bar: run twice, then killed mid-harvest and run again, it leaves the same
graph as one clean run."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_replay import DAYS, ReplayServer, Reply, fetch_env, oai_pages, oai_queries, serve_recorded
from typer.testing import CliRunner

from kg.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def kg(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _statuses(out: str) -> list[tuple[str, str, str]]:
    return [(d["source"], d["day"], d["status"]) for d in json.loads(out)["days"]]


def _setup_sources() -> None:
    """Both sources saved, each with its first day fetched."""
    assert kg("fetch", "hf", "--date", DAYS[0], "--save")[0] == 0
    assert kg("fetch", "arxiv", "-c", "cs.CL", "-c", "cs.CV", "--date", DAYS[0], "--save")[0] == 0


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("KG_DATA_DIR", "KG_HF_API", "KG_ARXIV_OAI"):
        monkeypatch.delenv(name, raising=False)
    yield


def _serve(server: ReplayServer, monkeypatch: pytest.MonkeyPatch, folder: Path) -> dict[str, str]:
    variables = fetch_env(server)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    return variables


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "update.lock" and ".cypher" not in p.as_posix()
    }


def test_update_twice_then_killed_then_again_equals_one_clean_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: None
) -> None:
    clean, resumed = tmp_path / "clean", tmp_path / "resumed"

    with ReplayServer() as server:
        serve_recorded(server)
        _serve(server, monkeypatch, clean)
        _setup_sources()
        code, out, err = kg("update", "--until", DAYS[-1], "--format", "json")
        assert code == 0, err
        clean_runs = _statuses(out)

    with ReplayServer() as server:
        # the second page of the last day's harvest hangs (once) until the test releases it
        last_queries = oai_queries(DAYS[-1])
        server.add("/oai", last_queries[1], Reply(hold=True))
        serve_recorded(server)
        variables = _serve(server, monkeypatch, resumed)
        _setup_sources()

        code, out, err = kg("update", "--until", DAYS[1], "--format", "json")
        assert code == 0, err
        first = _statuses(out)
        graph = Path("kg-data/graph.json").read_bytes()
        requests = len(server.log)

        code, out, err = kg("update", "--until", DAYS[1], "--format", "json")
        assert code == 0, err
        assert _statuses(out) == []  # nothing left to fetch: no request, no ingest
        assert len(server.log) == requests
        assert Path("kg-data/graph.json").read_bytes() == graph

        killed = subprocess.Popen(
            [sys.executable, "-m", "kg", "update", "--until", DAYS[-1]],
            cwd=resumed,
            env={**os.environ, **variables, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            assert server.held.wait(300), "the update never reached the held page"
            # while it runs, a second update is refused by the lock
            code, _, err = kg("update", "--until", DAYS[-1])
            assert code == 1 and "another kg fetch or kg update is running" in err, err
            assert err.count("\n") == 1
        finally:
            killed.kill()
            killed.wait(60)
        server.release.set()

        state = json.loads(Path("kg-data/fetch/state.json").read_text())
        assert state["sources"]["hf"]["through"] == DAYS[-1]
        assert state["sources"]["arxiv"]["through"] == DAYS[-2]  # the half-fetched day is not done
        assert [p.name for p in Path(f"kg-data/raw/arxiv/{DAYS[-1]}").iterdir()] == ["cs-001.xml"]

        code, out, err = kg("update", "--until", DAYS[-1], "--format", "json")
        assert code == 0, err
        last = _statuses(out)
        assert last == [("arxiv", DAYS[-1], "ingested")]  # fetched again from its first page
        assert [r.query for r in server.log[-3:]] == last_queries

    # one clean run and the interrupted ones fetched and ingested the same days
    killed_run = [
        ("hf", DAYS[2], "nothing listed"),
        ("arxiv", DAYS[2], "nothing listed"),
        ("hf", DAYS[3], "ingested"),
    ]
    assert first + killed_run + last == clean_runs
    # the same graph, state and files, byte for byte
    clean_files, resumed_files = _files(clean / "kg-data"), _files(resumed / "kg-data")
    assert sorted(clean_files) == sorted(resumed_files)
    for name, content in clean_files.items():
        assert resumed_files[name] == content, name
    assert resumed_files[f"raw/arxiv/{DAYS[-1]}/cs-002.xml"] == oai_pages(DAYS[-1])[1].read_bytes()


def test_today_is_fetched_again_but_not_ingested_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: None
) -> None:
    from kg.fetch.run import fetch, update
    from kg.store import open_store

    with ReplayServer() as server:
        serve_recorded(server)
        _serve(server, monkeypatch, tmp_path)
        today = dt.date.fromisoformat(DAYS[-1])
        data = Path("kg-data")
        store = open_store(data / "graph.json")
        try:
            fetch(
                store,
                "hf",
                dt.date.fromisoformat(DAYS[1]),
                dt.date.fromisoformat(DAYS[1]),
                data,
                save=True,
                now=today,
            )
            first = update(store, data, now=today)
            assert [(d.day.isoformat(), d.status) for d in first.days] == [
                (DAYS[2], "nothing listed"),
                (DAYS[3], "ingested"),
            ]
            graph = (data / "graph.json").read_bytes()
            again = update(store, data, now=today)
        finally:
            store.close()
        # today's listing may still grow: it is fetched again, and its unchanged bytes are not ingested again
        assert [(d.day.isoformat(), d.status) for d in again.days] == [(DAYS[3], "already ingested")]
        assert (data / "graph.json").read_bytes() == graph
        assert json.loads((data / "fetch" / "state.json").read_text())["sources"]["hf"]["through"] == DAYS[2]


def test_done_days_advance_only_without_gaps(tmp_path: Path) -> None:
    from kg.fetch.state import FetchState

    state = FetchState.load(tmp_path)
    day = dt.date(2026, 5, 4)
    now = dt.date(2026, 5, 10)
    state.mark_done("hf", day, now)
    state.mark_done("hf", day + dt.timedelta(days=2), now)  # a gap: not through
    assert state.source("hf").through == day
    state.mark_done("hf", day + dt.timedelta(days=1), now)
    assert state.source("hf").through == day + dt.timedelta(days=1)
    state.mark_done("hf", now, now)  # today is never done
    state.save()
    assert FetchState.load(tmp_path).source("hf").through == day + dt.timedelta(days=1)


def test_a_corrupt_state_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: None) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kg-data" / "fetch").mkdir(parents=True)
    (tmp_path / "kg-data" / "fetch" / "state.json").write_text("{not json")
    code, _, err = kg("update")
    assert code == 1 and err.startswith("kg: error: kg-data/fetch/state.json: cannot read the fetch state")
