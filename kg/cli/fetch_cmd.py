"""``kg fetch hf|arxiv`` and ``kg update``: pull new listings from the sources and ingest them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store, store_spec
from kg.cli.output import OutputFormat, emit

if TYPE_CHECKING:
    import datetime as dt

    from kg.fetch.run import DayReport, FetchReport

DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where raw responses and the fetch state live. [env: KG_DATA_DIR; default: the graph "
        "file's folder, ./kg-data for Neo4j]",
        show_default=False,
    ),
]
DateOpt = Annotated[str | None, typer.Option("--date", help="One day (YYYY-MM-DD).", show_default=False)]
SinceOpt = Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD).", show_default=False)]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Last day (YYYY-MM-DD). [default: today, UTC]", show_default=False),
]
SaveOpt = Annotated[
    bool, typer.Option("--save", help="Remember this source (and its categories) for `kg update`.")
]

fetch_app = typer.Typer(
    name="fetch",
    help="Fetch listings from the Hugging Face daily-papers API or arXiv (OAI-PMH) and ingest them.",
    no_args_is_help=True,
)


@fetch_app.command("hf")
def fetch_hf_command(
    date: DateOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    save: SaveOpt = False,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    data_dir: DataDirOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Fetch the Hugging Face daily papers of a day (--date) or days (--since [--until]) and ingest them."""
    _fetch("hf", (), date, since, until, save, store, graph, data_dir, output)


@fetch_app.command("arxiv")
def fetch_arxiv_command(
    category: Annotated[
        list[str],
        typer.Option("--category", "-c", help="An arXiv category (cs.CL) or archive (cs); repeatable."),
    ],
    date: DateOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    save: SaveOpt = False,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    data_dir: DataDirOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Harvest arXiv's new and updated papers of a day or days in the given categories and ingest them."""
    from kg.fetch.categories import checked_categories

    _fetch("arxiv", checked_categories(category), date, since, until, save, store, graph, data_dir, output)


def update_command(
    until: UntilOpt = None,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    data_dir: DataDirOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Fetch every saved source from the day after its last complete day to today, and ingest."""
    from kg.fetch.days import not_future, parse_day
    from kg.fetch.run import saved_sources, update
    from kg.fetch.state import FetchState

    last = not_future(parse_day(until, "until")) if until else None
    folder = _data_dir(data_dir, store, graph)
    saved_sources(FetchState.load(folder), folder)  # before the store is opened
    with opened_store(store, graph, create=True) as opened:
        report = update(opened, folder, until=last, on_day=_progress)
    _print(report, output)


def _fetch(
    source: str,
    categories: tuple[str, ...],
    date: str | None,
    since: str | None,
    until: str | None,
    save: bool,
    store: str | None,
    graph: Path | None,
    data_dir: Path | None,
    output: OutputFormat,
) -> None:
    from kg.fetch.run import fetch

    first, last = _days(date, since, until)
    folder = _data_dir(data_dir, store, graph)
    with opened_store(store, graph, create=True) as opened:
        report = fetch(
            opened, source, first, last, folder, categories=categories, save=save, on_day=_progress
        )
    _print(report, output)


def _days(date: str | None, since: str | None, until: str | None) -> tuple[dt.date, dt.date]:
    from kg.fetch.days import checked_range, parse_day
    from kg.fetch.errors import FetchArgumentError

    if date is not None:
        if since is not None or until is not None:
            raise FetchArgumentError("give --date, or --since [--until], not both")
        day = parse_day(date, "date")
        return checked_range(day, day)
    if since is None:
        raise FetchArgumentError("give --date DAY or --since DAY")
    return checked_range(parse_day(since, "since"), parse_day(until, "until") if until else None)


def _data_dir(data_dir: Path | None, store: str | None, graph: Path | None) -> Path:
    from kg.fetch.run import data_dir_for

    if data_dir is not None:
        return data_dir
    if env := os.environ.get("KG_DATA_DIR"):
        return Path(env)
    return data_dir_for(store_spec(store, graph))


def _progress(day: DayReport) -> None:
    detail = f", {day.new_papers} new papers" if day.status == "ingested" else ""
    typer.echo(f"kg: {day.source} {day.day}: {day.records} records, {day.status}{detail}", err=True)


def _print(report: FetchReport, output: OutputFormat) -> None:
    rows = [day.row() for day in report.days]
    if output is OutputFormat.JSON:
        emit(rows, output, document={"days": rows, "requests": report.requests})
        return
    emit(rows, output, ["source", "day", "records", "new_papers", "status"])


def register(app: typer.Typer) -> None:
    app.add_typer(fetch_app)
    app.command("update")(update_command)
