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
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most N papers.")] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """List papers, newest first."""
    from kg.read import list_papers

    with opened_store(store, graph, create=False) as opened:
        rows = list_papers(opened, has_code=has_code, limit=limit)
    emit(rows, output, ["id", "published", "title", "upvotes", "links"])


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

    with opened_store(store, graph, create=False) as opened:
        details = paper_details(opened, paper)
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
