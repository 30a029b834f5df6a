"""``kg export``: write the graph in another format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import GraphOpt
from kg.export import ExportFormat


def export_command(
    directory: Annotated[Path, typer.Argument(help="Directory to write into.", show_default=False)],
    to: Annotated[ExportFormat, typer.Option("--to", help="Export format.", case_sensitive=False)],
    graph: GraphOpt = None,
) -> None:
    """Export the graph as GraphML, GEXF, JSON or CSV (the layout neo4j-admin import accepts)."""
    from kg.export import export_graph
    from kg.store import open_store
    from kg.store.nx_store import NetworkXStore

    store = open_store(graph, create=False)
    assert isinstance(store, NetworkXStore)
    for path in export_graph(store, to, directory):
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
