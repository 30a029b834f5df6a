"""``kg view``: an interactive HTML page of the graph around a paper, an entity or a query's result
(a thin layer over :mod:`kg.view`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import GraphOpt, StoreOpt, opened_store
from kg.view.select import DEFAULT_HOPS, DEFAULT_MAX_NODES, FORCE_ABOVE

DEFAULT_OUTPUT = Path("kg-view.html")


def view_command(
    paper: Annotated[
        str | None,
        typer.Option(
            "--paper", help="Around a paper: its id, arXiv id (or URL) or exact title.", show_default=False
        ),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(
            "--entity",
            help="Around an entity: a method, dataset, model family, task or repo (name, alias or id).",
            show_default=False,
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query", help="The nodes a named query returns (see kg query list).", show_default=False
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            help="A topic (see kg topics): its id or label; its central papers, concepts and entities.",
            show_default=False,
        ),
    ] = None,
    params: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="A parameter of --query: -p key=value or -p key:=JSON; repeat for several.",
            show_default=False,
        ),
    ] = None,
    hops: Annotated[
        int, typer.Option("--hops", min=0, help="How far around the paper, entity or results.")
    ] = DEFAULT_HOPS,
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes",
            min=1,
            help=f"Keep at most N nodes, the most connected (up to {FORCE_ABOVE:,} without --force).",
        ),
    ] = DEFAULT_MAX_NODES,
    force: Annotated[bool, typer.Option("--force", help=f"Allow --max-nodes above {FORCE_ABOVE:,}.")] = False,
    papers: Annotated[
        bool,
        typer.Option(
            "--papers",
            help="With --entity: draw its papers (a star), not the entities it shares papers with.",
        ),
    ] = False,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = DEFAULT_OUTPUT,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
    store: StoreOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Write one self-contained HTML page (no network needed) showing the graph around a paper
    (--paper), an entity (--entity), a named query's result (--query NAME -p key=value) or a
    topic (--topic, after kg topics --build).

    An entity's page shows the entities it shares papers with, the papers behind each link in its
    tooltip (--papers: the papers themselves); a paper's page collapses hub entities.
    """
    from kg.query.params import parse_assignments
    from kg.view import ViewError, check_limits, select_view, write_html

    check_limits(hops, max_nodes, force=force)  # before opening the store
    given = parse_assignments(params or [])
    if given and not query:
        typer.echo("kg: warning: -p parameters are used only with --query", err=True)
    if topic and (paper or entity or query):
        raise ViewError("give exactly one of a paper, an entity, a query or a topic to view")
    with opened_store(store, graph, create=False) as opened:
        if topic:
            from kg.view.topic import topic_view

            view = topic_view(opened, topic, max_nodes)
        else:
            view = select_view(
                opened,
                paper=paper,
                entity=entity,
                query=query,
                params=given,
                hops=hops,
                max_nodes=max_nodes,
                force=force,
                papers=papers,
            )
    written = Path(write_html(view, str(output)))
    for note in (view.note, view.hub_note):
        if note:
            typer.echo(f"kg: note: {note}", err=True)
    typer.echo(f"{written}: {len(view.nodes):,} nodes, {len(view.edges) + len(view.links):,} edges")
    if open_page:
        import webbrowser

        if not webbrowser.open(written.resolve().as_uri()):
            typer.echo(f"kg: warning: no browser to open; the page is {written}", err=True)


def register(app: typer.Typer) -> None:
    app.command("view")(view_command)
