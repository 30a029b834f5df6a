"""``kg export``: write the graph in another format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import GraphOpt, StoreOpt, opened_store
from kg.export import ExportFormat


def export_command(
    directory: Annotated[Path, typer.Argument(help="Directory to write into.", show_default=False)],
    to: Annotated[ExportFormat, typer.Option("--to", help="Export format.", case_sensitive=False)],
    store: StoreOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Export the graph as GraphML, GEXF, JSON or CSV (the layout neo4j-admin import accepts)."""
    from kg.export import export_graph

    with opened_store(store, graph, create=False) as opened:
        written = export_graph(opened, to, directory)
    for path in written:
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
