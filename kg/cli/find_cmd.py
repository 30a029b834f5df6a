"""``kg find TEXT``: ranked fuzzy search over paper titles and entity names (thin layer over
:func:`kg.query.finder.find`)."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit
from kg.model import Label

TYPE_NAMES = {
    "paper": Label.PAPER,
    "method": Label.METHOD,
    "dataset": Label.DATASET,
    "model": Label.MODEL,
    "family": Label.MODEL_FAMILY,
    "task": Label.TASK,
    "metric": Label.METRIC,
    "repo": Label.REPO,
    "author": Label.AUTHOR,
}


def find_command(
    text: Annotated[str, typer.Argument(help="Words of a title, a name or an alias.", show_default=False)],
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help=f"Only nodes of this type ({', '.join(TYPE_NAMES)}); repeat for several.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="At most N hits.")] = 20,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Find papers and entities by name: the best matches first, with their type, papers and id."""
    from kg.query.finder import SEARCHED, SearchError, find

    labels = list(SEARCHED)
    if types:
        unknown = [t for t in types if t.casefold() not in TYPE_NAMES]
        if unknown:
            raise SearchError(f"unknown type {unknown[0]!r}; the types are {', '.join(TYPE_NAMES)}")
        labels = [TYPE_NAMES[t.casefold()] for t in types]
    with opened_store(store, graph, create=False) as opened:
        hits = find(opened, text, labels=labels, limit=limit)
    emit([hit.row() for hit in hits], output, ["type", "name", "papers", "id"])
    if not hits and output is OutputFormat.TABLE:
        typer.echo(f"kg: nothing matches {text!r}", err=True)


def register(app: typer.Typer) -> None:
    app.command("find")(find_command)
