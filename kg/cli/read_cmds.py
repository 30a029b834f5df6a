"""Read commands: ``kg stats``, ``kg papers``, ``kg show``."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit

PAPER_FIELDS = ("id", "title", "arxiv_id", "published", "listed", "upvotes", "author_count", "url", "sources")


def stats_command(
    store: StoreOpt = None, graph: GraphOpt = None, output: FormatOpt = OutputFormat.TABLE
) -> None:
    """Node counts per label and edge counts per relationship type."""
    with opened_store(store, graph, create=False) as opened:
        stats = opened.stats()
    rows = [{"kind": "node", "type": k, "count": v} for k, v in stats.nodes.items()]
    rows += [{"kind": "edge", "type": k, "count": v} for k, v in stats.edges.items()]
    emit(rows, output, ["kind", "type", "count"], document=stats.as_dict())


def papers_command(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    has_code: Annotated[
        bool, typer.Option("--has-code", help="Only papers with code/model/data links.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only papers dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="Only papers dated on or before DATE (at the precision given).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="WORDS",
            help="Only papers whose title or abstract has every word.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, metavar="N", help="At most N papers.")
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """List papers, newest first (by published date, else listing date)."""
    from kg.query.params import Param, coerce
    from kg.read import list_papers

    since, until = (
        coerce(Param(name, "date", None, False, ""), value) if value else None
        for name, value in (("--since", since), ("--until", until))
    )
    with opened_store(store, graph, create=False) as opened:
        rows = list_papers(opened, has_code=has_code, limit=limit, since=since, until=until, search=search)
    emit(rows, output, ["id", "date", "title", "upvotes", "links"])


def show_command(
    paper: Annotated[
        str, typer.Argument(help="A paper id, an arXiv id or an exact title.", show_default=False)
    ],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Everything known about one paper, with the evidence for every edge."""
    from kg.read import paper_details
    from kg.resolve_names import resolve_paper_id

    with opened_store(store, graph, create=False) as opened:
        details = paper_details(opened, resolve_paper_id(opened, paper))
    if output is OutputFormat.TABLE:
        fields = details["paper"]
        width = max(len(k) for k in PAPER_FIELDS)
        for key in PAPER_FIELDS:
            if fields.get(key) not in (None, [], ""):
                value = fields[key]
                typer.echo(f"{key.ljust(width)}  {'; '.join(value) if isinstance(value, list) else value}")
        typer.echo("")
    columns = ["relation", "label", "name", "role", "confidence", "evidence"]
    emit(details["entities"], output, columns, document=details)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats_command)
    app.command("papers")(papers_command)
    app.command("show")(show_command)
