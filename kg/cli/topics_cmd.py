"""``kg topics``: communities of papers and concepts, labelled by their top concepts and entities."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit


def topics_command(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    build: Annotated[
        bool,
        typer.Option(
            "--build",
            help="Compute the topics (Louvain on the weighted paper-concept graph) and store them first.",
        ),
    ] = False,
    resolution: Annotated[
        float, typer.Option("--resolution", min=0.01, help="Louvain resolution: higher, smaller topics.")
    ] = 1.0,
    min_papers: Annotated[
        int, typer.Option("--min-papers", min=1, help="A topic has at least this many papers.")
    ] = 3,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most N topics.")] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """List the topics with their sizes and labels (``--build`` computes and stores them)."""
    from kg.cli.options import store_spec
    from kg.concepts.graph_topics import list_topics, topics_of, write_topics
    from kg.store import write_lock

    with opened_store(store, graph, create=False) as opened:  # the store must exist
        rows = list_topics(opened, limit)
    if build:
        with (
            write_lock(store_spec(store, graph), what="kg topics"),
            opened_store(store, graph, create=True) as writable,
        ):
            write_topics(writable, topics_of(writable, resolution=resolution, min_papers=min_papers))
            rows = list_topics(writable, limit)
    if not rows and output is OutputFormat.TABLE:
        typer.echo("no topics stored: run `kg topics --build`", err=True)
    emit(rows, output, ["id", "size", "label"])


def register(app: typer.Typer) -> None:
    app.command("topics")(topics_command)
