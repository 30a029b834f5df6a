"""``kg ingest``: read listings, extract entities, load them into the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit

_SHOW_SKIPPED = 10


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Listing files (format sniffed).", show_default=False)],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    format: Annotated[
        str | None, typer.Option("--input-format", help="Force an input format instead of sniffing it.")
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Skip bad records and report how many.")
    ] = False,
    listing_year: Annotated[
        int | None,
        typer.Option(
            "--listing-year",
            min=1900,
            max=9999,
            metavar="YEAR",
            help="The year of Hugging Face pages whose listing date has none (default: from their dates).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")] = 1,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Ingest paper listings (HF Daily Papers pages, JSON/JSONL, arXiv, CSV) into the graph, or
    load what `kg extract --format jsonl` printed without extracting again."""
    from kg.build import ingest
    from kg.cli.options import store_spec
    from kg.cli.progress import Progress
    from kg.store import write_lock

    with (
        write_lock(store_spec(store, graph), what="kg ingest", on_wait=_tell),
        opened_store(store, graph, create=True) as opened,
    ):
        report = ingest(
            opened,
            paths,
            format=format,
            skip_bad=skip_bad,
            workers=workers,
            on_progress=Progress("extracting"),
            listing_year=listing_year,
        )
    for error in report.skipped[:_SHOW_SKIPPED]:
        typer.echo(f"kg: skipped: {error}", err=True)
    if len(report.skipped) > _SHOW_SKIPPED:
        typer.echo(f"kg: skipped {len(report.skipped) - _SHOW_SKIPPED} more bad records", err=True)
    for conflict in report.conflicts:
        typer.echo(f"kg: conflict: {conflict}", err=True)
    print_report(report.as_dict(), output)


def _tell(message: str) -> None:
    typer.echo(f"kg: {message}", err=True)


def print_report(summary: dict[str, object], output: OutputFormat) -> None:
    """The ingest summary: papers read/new/merged, then entities and edges found by type."""
    from typing import Any, cast

    data = cast(dict[str, Any], summary)
    if output is OutputFormat.JSON:
        emit([], output, document=data)
        return
    rows = [
        {"what": "papers", "type": k, "count": data[k]}
        for k in ("records", "papers", "new_papers", "merged_papers", "skipped")
    ]
    rows += [
        {"what": "entities", "type": k, "count": v} for k, v in sorted(data["found"]["entities"].items())
    ]
    rows += [{"what": "edges", "type": k, "count": v} for k, v in sorted(data["found"]["edges"].items())]
    emit(rows, output, ["what", "type", "count"])


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
