"""``fetch`` (one source, a range of days) and ``update`` (every saved source, from the day after
its last complete day to today): each day is fetched, its raw responses kept, then ingested
through :func:`kg.build.ingest`, then recorded, in day order and, within a day, source order.

Safe to repeat and to kill: a day is recorded only once ingested, so a day cut short is fetched
again from its first page; a listing whose bytes were ingested already is not ingested again; and
ingest itself changes nothing for input it has seen. One run at a time holds the data
directory's lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.fetch import arxiv, hf
from kg.fetch.days import day_range, today
from kg.fetch.errors import FetchArgumentError
from kg.fetch.lock import update_lock
from kg.fetch.raw import DayResult
from kg.fetch.settings import FetchSettings
from kg.fetch.state import FetchState, SourceState

if TYPE_CHECKING:
    from kg.fetch.client import PoliteClient
    from kg.store.base import GraphStore

SOURCES = (hf.SOURCE, arxiv.SOURCE)
"""Every source, in the order they are fetched within a day."""


@dataclass
class DayReport:
    """What one day of one source did."""

    source: str
    day: dt.date
    records: int
    status: str  # "ingested", "nothing listed", "already ingested"
    new_papers: int = 0
    raw: list[Path] = field(default_factory=list)

    def row(self) -> dict[str, object]:
        return {
            "source": self.source,
            "day": self.day.isoformat(),
            "records": self.records,
            "new_papers": self.new_papers,
            "status": self.status,
        }


@dataclass
class FetchReport:
    """Every day fetched, in order, and the requests made."""

    days: list[DayReport] = field(default_factory=list)
    requests: int = 0


DayCallback = Callable[[DayReport], None]


def data_dir_for(store_spec: str | None) -> Path:
    """Where raw responses and the fetch state live: the graph file's folder for the embedded
    store, ``./kg-data`` for Neo4j."""
    from kg.store import store_kind

    kind, where = store_kind(store_spec)
    return Path(where).parent if kind == "nx" else Path("kg-data")


def fetch(
    store: GraphStore,
    source: str,
    since: dt.date,
    until: dt.date,
    data_dir: Path,
    *,
    categories: tuple[str, ...] = (),
    save: bool = False,
    settings: FetchSettings | None = None,
    now: dt.date | None = None,
    on_day: DayCallback | None = None,
) -> FetchReport:
    """Fetch and ingest ``source`` from ``since`` to ``until``; ``save`` remembers the source
    (and its categories) for :func:`update`."""
    if source not in SOURCES:
        raise FetchArgumentError(f"unknown source {source!r}; expected one of {', '.join(SOURCES)}")
    if source == arxiv.SOURCE and not categories:
        raise FetchArgumentError("name at least one arXiv category (--category cs.CL)")
    now = now or today()
    with update_lock(data_dir):
        state = FetchState.load(data_dir)
        if save:
            saved = state.source(source)
            saved.saved = True
            saved.categories = categories if source == arxiv.SOURCE else ()
            if saved.through is None:
                saved.through = since - dt.timedelta(days=1)
            state.save()
        plan = [(day, source, categories) for day in day_range(since, until)]
        return _run(store, plan, state, data_dir, settings or FetchSettings.from_env(), now, on_day)


def update(
    store: GraphStore,
    data_dir: Path,
    *,
    until: dt.date | None = None,
    settings: FetchSettings | None = None,
    now: dt.date | None = None,
    on_day: DayCallback | None = None,
) -> FetchReport:
    """Fetch and ingest every saved source from the day after its last complete day to
    ``until`` (default: today)."""
    now = now or today()
    until = until or now
    with update_lock(data_dir):
        state = FetchState.load(data_dir)
        saved = saved_sources(state, data_dir)
        plan: list[tuple[dt.date, str, tuple[str, ...]]] = []
        for name, source in saved.items():
            start = source.through + dt.timedelta(days=1) if source.through else now
            plan += [(day, name, source.categories) for day in day_range(start, until)]
        plan.sort(key=lambda item: (item[0], SOURCES.index(item[1])))
        return _run(store, plan, state, data_dir, settings or FetchSettings.from_env(), now, on_day)


def saved_sources(state: FetchState, data_dir: Path) -> dict[str, SourceState]:
    """The sources ``kg update`` fetches, in fetch order; none is an error saying how to save one."""
    saved = {
        name: state.sources[name] for name in SOURCES if name in state.sources and state.sources[name].saved
    }
    if not saved:
        raise FetchArgumentError(
            f"no source saved for {data_dir}: run `kg fetch hf --since DAY --save` or "
            "`kg fetch arxiv --category CAT --since DAY --save` first"
        )
    return saved


def _run(
    store: GraphStore,
    plan: list[tuple[dt.date, str, tuple[str, ...]]],
    state: FetchState,
    data_dir: Path,
    settings: FetchSettings,
    now: dt.date,
    on_day: DayCallback | None,
) -> FetchReport:
    from kg.build import ingest

    report = FetchReport()
    clients: dict[str, PoliteClient] = {}
    with ExitStack() as stack:
        for day, name, categories in plan:
            if name not in clients:
                clients[name] = stack.enter_context(_client(name, settings))
            result = _fetch_day(clients[name], name, categories, day, data_dir, settings)
            entry = DayReport(name, day, result.records, "nothing listed", raw=result.raw)
            if result.listing is not None:
                if state.already_ingested(result.listing):
                    entry.status = "already ingested"
                else:
                    fmt = hf.FORMAT if name == hf.SOURCE else arxiv.FORMAT
                    done = ingest(store, [result.listing], format=fmt)
                    entry.status, entry.new_papers = "ingested", done.new_papers
                    state.mark_ingested(result.listing)
            state.mark_done(name, day, now)
            state.save()
            report.days.append(entry)
            if on_day is not None:
                on_day(entry)
        report.requests = sum(client.requests for client in clients.values())
    return report


def _client(name: str, settings: FetchSettings) -> PoliteClient:
    from kg.fetch.client import PoliteClient

    interval = settings.hf_interval if name == hf.SOURCE else settings.arxiv_interval
    return PoliteClient(settings, interval)


def _fetch_day(
    client: PoliteClient,
    name: str,
    categories: tuple[str, ...],
    day: dt.date,
    data_dir: Path,
    settings: FetchSettings,
) -> DayResult:
    if name == hf.SOURCE:
        return hf.fetch_day(client, settings.hf_api, day, data_dir)
    return arxiv.fetch_day(client, settings.arxiv_oai, categories, day, data_dir)
